import { AllocationRoundEntity, CompositionPolicyEntity, OfferEntity, ProposalEntity } from '../allocation/allocation.entities.js';
import { ComplexEntity } from '../complexes/complex.entity.js';
import { SimulationEntity } from '../simulation/simulation.entity.js';
import { DwellingEntity } from '../dwellings/dwelling.entity.js';
import { AllocationEntity } from '../eligibility/allocation.entity.js';
import { LocalPolicyEntity } from '../eligibility/local-policy.entity.js';
import { RuleParameterYearEntity } from '../parameters/rule-parameter-year.entity.js';
import { HouseholdEntity, HouseholdMemberEntity } from '../households/household.entity.js';
import { NeighbourhoodEntity, NeighbourhoodReadingEntity, ResilienceClassEntity } from '../neighbourhoods/neighbourhood.entity.js';
import { TenancyEntity } from '../tenancies/tenancy.entity.js';
import { VacancyEntity, VacancyResponseEntity } from '../vacancies/vacancy.entity.js';

export const ENTITIES = [
  NeighbourhoodEntity,
  ResilienceClassEntity,
  NeighbourhoodReadingEntity,
  ComplexEntity,
  DwellingEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  TenancyEntity,
  VacancyEntity,
  VacancyResponseEntity,
  RuleParameterYearEntity,
  LocalPolicyEntity,
  AllocationEntity,
  CompositionPolicyEntity,
  ProposalEntity,
  OfferEntity,
  AllocationRoundEntity,
  SimulationEntity,
];
