import type { Product } from '@gerbang/contracts';
import { autogateFormat } from './autogate.format.js';
import { crmFormat } from './crm.format.js';
import { ispFormat } from './isp.format.js';
import { qrFormat } from './qr.format.js';
import { retribusiFormat } from './retribusi.format.js';
import type { WireFormat } from './wire-format.js';

/** The one place that says how each product speaks on the wire. */
export const WIRE_FORMATS: Record<Product, WireFormat> = {
  retribusi: retribusiFormat,
  crm: crmFormat,
  isp: ispFormat,
  qr: qrFormat,
  autogate: autogateFormat,
};
