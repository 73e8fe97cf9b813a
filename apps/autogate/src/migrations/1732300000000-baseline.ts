import { baselineMigration } from '@gerbang/database';

export const Baseline1732300000000 = baselineMigration('autogate', 'Baseline1732300000000');
