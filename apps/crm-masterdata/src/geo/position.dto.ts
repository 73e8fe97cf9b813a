import { FiniteNumber, Required } from '../common/rules.js';

/** A position in decimal degrees; requireIndonesianPosition then checks it lies in Indonesia. */
export class PositionBody {
  @Required()
  @FiniteNumber()
  latitude!: number;

  @Required()
  @FiniteNumber()
  longitude!: number;
}
