/**
 * Every rule the findings engine runs, with the severities it can give. docs/rules.md documents
 * each (formula, default threshold, source); a test keeps the two in step.
 */
import type { Severity } from './finding';

export interface RuleInfo {
  id: string;
  /** What it checks, in a few words (English; the UI translates `rules.<id>`). */
  title: string;
  severities: readonly Severity[];
  area: 'layout' | 'space' | 'power' | 'cooling' | 'weight' | 'environment';
}

export const RULES: readonly RuleInfo[] = [
  { id: 'rack-overlap', title: 'Racks and floor equipment overlap', severities: ['error'], area: 'layout' },
  { id: 'rack-outside-room', title: 'Outside the room', severities: ['error'], area: 'layout' },
  { id: 'rack-on-obstacle', title: 'On a column or obstacle', severities: ['error'], area: 'layout' },
  { id: 'aisle-too-narrow', title: 'Aisle narrower than the minimum', severities: ['error', 'warning'], area: 'layout' },
  { id: 'rack-front-not-cold', title: 'Rack front faces a hot aisle', severities: ['warning'], area: 'layout' },
  { id: 'row-mixed-orientation', title: 'Row with racks facing different ways', severities: ['warning'], area: 'layout' },
  { id: 'device-overlap', title: 'Devices overlap in U', severities: ['error'], area: 'space' },
  { id: 'device-outside-rack', title: 'Device beyond the rack’s U range', severities: ['error'], area: 'space' },
  { id: 'rack-power-budget', title: 'Rack power budget', severities: ['error', 'warning'], area: 'power' },
  { id: 'feed-overload', title: 'Rack feed over its circuit capacity', severities: ['error', 'warning'], area: 'power' },
  { id: 'feed-missing', title: 'Rack without a feed', severities: ['error', 'warning'], area: 'power' },
  { id: 'device-unfed', title: 'Device plugged into a missing feed', severities: ['warning'], area: 'power' },
  { id: 'single-corded', title: 'Single-corded device in a 2N room', severities: ['warning'], area: 'power' },
  { id: 'rack-pdu-outlets', title: 'Rack PDU outlets', severities: ['warning'], area: 'power' },
  { id: 'rack-pdu-inlet', title: 'Rack PDU inlet smaller than its breaker', severities: ['warning'], area: 'power' },
  { id: 'element-overload', title: 'UPS or distribution over capacity', severities: ['error', 'warning'], area: 'power' },
  { id: 'ups-redundancy', title: 'UPS group redundancy', severities: ['error'], area: 'power' },
  { id: 'common-path', title: 'Single failure cuts both feeds', severities: ['error'], area: 'power' },
  { id: 'power-chain-cycle', title: 'Power chain loop', severities: ['error'], area: 'power' },
  { id: 'cooling-capacity', title: 'Cooling capacity per zone', severities: ['error', 'warning'], area: 'cooling' },
  { id: 'cooling-redundancy', title: 'Cooling N+1', severities: ['warning'], area: 'cooling' },
  { id: 'airflow-reverse', title: 'Device blows into the cold aisle', severities: ['warning'], area: 'cooling' },
  { id: 'rack-weight', title: 'Rack weight rating', severities: ['error', 'warning'], area: 'weight' },
  { id: 'floor-load', title: 'Floor load', severities: ['error', 'warning'], area: 'weight' },
  { id: 'environment-setpoint', title: 'Design set point against the ASHRAE class', severities: ['error', 'warning'], area: 'environment' },
  { id: 'environment-reading', title: 'Measured reading against the ASHRAE class', severities: ['error', 'warning'], area: 'environment' },
];

export const RULE_IDS: ReadonlySet<string> = new Set(RULES.map((r) => r.id));
