import { Neighbourhood, ResilienceClass } from './graphql/neighbourhood.type.js';
import { NeighbourhoodEntity, ResilienceClassEntity } from './neighbourhood.entity.js';

export function toNeighbourhood(entity: NeighbourhoodEntity): Neighbourhood {
  return {
    id: String(entity.id),
    buurtCode: entity.buurtCode,
    name: entity.name,
    municipalityCode: entity.municipalityCode,
    municipalityName: entity.municipalityName,
    resilienceClass: entity.resilienceClass,
    resilienceScore: entity.resilienceScore,
    resilienceSource: entity.resilienceSource,
    resilienceYear: entity.resilienceYear,
  };
}

export function toResilienceClass(entity: ResilienceClassEntity): ResilienceClass {
  return { class: entity.class, label: entity.label, description: entity.description };
}
