import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byKey, defineLoaders } from '../common/request-context.js';
import { RuleParameterYearEntity } from './rule-parameter-year.entity.js';

export const ruleParameterLoaders = defineLoaders('rule-parameters', (m) => ({
  ruleParameters: new DataLoader<number, RuleParameterYearEntity | null>(async (years) =>
    byKey(years, await m.findBy(RuleParameterYearEntity, { year: In([...years]) }), (r) => r.year),
  ),
}));
