import { baselineMigration } from '@gerbang/database';

export const Baseline1732300000000 = baselineMigration('realtime', 'Baseline1732300000000');
