/**
 * Plenum's own generic device and rack types, so a project can be sketched before the exact
 * hardware is known. Written by Plenum (not NetBox files); the values are typical of current
 * hardware (nameplate maximum and expected draw, weight with rails). Ids are stable (`dt:generic/…`,
 * `rt:generic/…`): a project that used one keeps pointing at the same type.
 */
import type { DeviceType, RackType } from '../model/schema';

const GENERIC = 'Generic';
const SOURCE = 'builtin:generic';

type DeviceFields = Pick<DeviceType, 'model' | 'uHeight' | 'fullDepth' | 'weightKg' | 'powerMaxW' | 'powerTypicalW' | 'airflow' | 'role' | 'partNumber' | 'psuCount' | 'pduInletA' | 'pduOutlets'>;
type RackFields = Pick<RackType, 'model' | 'uHeight' | 'widthMm' | 'depthMm' | 'heightMm' | 'maxKw' | 'maxKg' | 'emptyWeightKg'>;

function dt(slug: string, fields: DeviceFields): DeviceType {
  return { id: `dt:generic/${slug}`, manufacturer: GENERIC, ...fields, source: SOURCE };
}

/**
 * Power cords (issue 4): servers, switches and storage are dual-corded (2 PSUs, one per feed); the
 * 8-GPU server has 4 × 3 kW PSUs in 2+2; passive gear and PDUs have no power supply of their own
 * (0). PDUs: a 1U horizontal strip on a 16 A single-phase inlet with 12 outlets, and a 0U vertical
 * bar on a 32 A three-phase inlet (22 kW at 400 V) with 42 outlets (36 C13 + 6 C19).
 */
export const GENERIC_DEVICE_TYPES: readonly DeviceType[] = [
  dt('server-1u', { model: '1U server', uHeight: 1, fullDepth: true, weightKg: 16, powerMaxW: 550, powerTypicalW: 300, airflow: 'front-to-rear', role: 'server', partNumber: 'GEN-SRV-1U', psuCount: 2 }),
  dt('server-2u', { model: '2U server', uHeight: 2, fullDepth: true, weightKg: 28, powerMaxW: 1100, powerTypicalW: 550, airflow: 'front-to-rear', role: 'server', partNumber: 'GEN-SRV-2U', psuCount: 2 }),
  dt('server-4u', { model: '4U server', uHeight: 4, fullDepth: true, weightKg: 45, powerMaxW: 1600, powerTypicalW: 900, airflow: 'front-to-rear', role: 'server', partNumber: 'GEN-SRV-4U', psuCount: 2 }),
  dt('gpu-server-4u', { model: 'GPU server (8 GPU)', uHeight: 4, fullDepth: true, weightKg: 60, powerMaxW: 6500, powerTypicalW: 4500, airflow: 'front-to-rear', role: 'gpu-server', partNumber: 'GEN-GPU-4U', psuCount: 4 }),
  dt('tor-switch-1u', { model: 'ToR switch 48×25G', uHeight: 1, fullDepth: false, weightKg: 9, powerMaxW: 450, powerTypicalW: 250, airflow: 'rear-to-front', role: 'switch', partNumber: 'GEN-TOR-1U', psuCount: 2 }),
  dt('spine-switch-2u', { model: 'Spine switch 64×400G', uHeight: 2, fullDepth: true, weightKg: 22, powerMaxW: 2200, powerTypicalW: 1300, airflow: 'front-to-rear', role: 'switch', partNumber: 'GEN-SPINE-2U', psuCount: 2 }),
  dt('storage-shelf-2u', { model: 'Storage shelf 24×2.5"', uHeight: 2, fullDepth: true, weightKg: 30, powerMaxW: 900, powerTypicalW: 450, airflow: 'front-to-rear', role: 'storage', partNumber: 'GEN-STO-2U', psuCount: 2 }),
  dt('patch-panel-1u', { model: 'Patch panel 24-port', uHeight: 1, fullDepth: false, weightKg: 1.5, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive', role: 'patch-panel', partNumber: 'GEN-PP-1U', psuCount: 0 }),
  dt('blanking-1u', { model: 'Blanking panel 1U', uHeight: 1, fullDepth: false, weightKg: 0.5, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive', role: 'blanking', partNumber: 'GEN-BLANK-1U', psuCount: 0 }),
  dt('pdu-horizontal-1u', { model: 'Horizontal PDU 1U', uHeight: 1, fullDepth: false, weightKg: 3, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive', role: 'pdu', partNumber: 'GEN-HPDU-1U', psuCount: 0, pduInletA: 16, pduOutlets: 12 }),
  dt('pdu-vertical-0u', { model: 'Vertical PDU 0U', uHeight: 0, fullDepth: false, weightKg: 7, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive', role: 'pdu', partNumber: 'GEN-VPDU-0U', psuCount: 0, pduInletA: 32, pduOutlets: 42 }),
  dt('cable-manager-1u', { model: 'Cable manager 1U', uHeight: 1, fullDepth: false, weightKg: 1.2, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive', role: 'cable-manager', partNumber: 'GEN-CM-1U', psuCount: 0 }),
  dt('cable-manager-0u', { model: 'Vertical cable manager 0U', uHeight: 0, fullDepth: false, weightKg: 4, powerMaxW: 0, powerTypicalW: 0, airflow: 'passive', role: 'cable-manager', partNumber: 'GEN-CM-0U', psuCount: 0 }),
];

/** The 1U blanking panel `rack.fillBlanks` uses by default. */
export const GENERIC_BLANKING_TYPE_ID = 'dt:generic/blanking-1u';

function rt(slug: string, fields: RackFields): RackType {
  return { id: `rt:generic/${slug}`, manufacturer: GENERIC, ...fields, source: SOURCE };
}

export const GENERIC_RACK_TYPES: readonly RackType[] = [
  rt('42u-600x1200', { model: '42U cabinet 600×1200', uHeight: 42, widthMm: 600, depthMm: 1200, heightMm: 2000, maxKw: 8, maxKg: 1200, emptyWeightKg: 140 }),
  rt('48u-600x1200', { model: '48U cabinet 600×1200', uHeight: 48, widthMm: 600, depthMm: 1200, heightMm: 2270, maxKw: 12, maxKg: 1500, emptyWeightKg: 160 }),
  rt('42u-800x1200-network', { model: '42U network cabinet 800×1200', uHeight: 42, widthMm: 800, depthMm: 1200, heightMm: 2000, maxKw: 6, maxKg: 1200, emptyWeightKg: 165 }),
];

export function genericDeviceType(id: string): DeviceType | undefined {
  return GENERIC_DEVICE_TYPES.find((t) => t.id === id);
}
