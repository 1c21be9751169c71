import { useMemo } from 'react';
import { useUnits } from '../hooks';
import { formatTemperature } from '../units';

/** The app's unit formatting plus temperatures (°C, or °F in imperial), for the Operate workspace. */
export function useOpsUnits() {
  const units = useUnits();
  return useMemo(() => ({ ...units, temperature: (c: number) => formatTemperature(c, units.opts) }), [units]);
}
export type OpsUnits = ReturnType<typeof useOpsUnits>;
