import { baselineMigration } from '@gerbang/database';

export const Baseline1732300000000 = baselineMigration('notification', 'Baseline1732300000000');
