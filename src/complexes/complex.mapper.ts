import { Composition as EngineComposition } from '../engine/composition/compute-composition.js';
import type { SuppressedComposition } from '../engine/privacy/small-cells.js';
import { Complex, Composition } from './graphql/complex.type.js';
import { ComplexEntity } from './complex.entity.js';

export function toComplex(entity: ComplexEntity): Complex {
  return { id: String(entity.id), code: entity.code, name: entity.name, neighbourhoodId: entity.neighbourhoodId };
}

export function toCompositionType(c: EngineComposition | SuppressedComposition): Composition {
  return {
    asOf: c.asOf,
    parameterYear: c.parameterYear,
    dwellingCount: c.dwellingCount,
    occupiedCount: c.occupiedCount,
    vacantCount: c.vacantCount,
    dimensions: c.dimensions.map((d) => ({ dimension: d.dimension, total: d.total, categories: d.categories.map((x) => ({ ...x })) })),
    inflow: { ...c.inflow },
  };
}
