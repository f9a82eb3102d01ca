import { DwellingFacts } from '../engine/model.js';
import { AccessibilityEnum, Dwelling, DwellingLabelEnum } from './graphql/dwelling.type.js';
import { DwellingEntity } from './dwelling.entity.js';

export function toDwelling(e: DwellingEntity): Dwelling {
  return {
    id: String(e.id),
    code: e.code,
    complexId: e.complexId,
    address: e.address,
    postcode: e.postcode,
    rooms: e.rooms,
    floorAreaM2: e.floorAreaM2,
    netRentCents: e.netRentCents,
    serviceCostsCents: e.serviceCostsCents,
    grossRentCents: e.netRentCents + e.serviceCostsCents,
    isDaeb: e.isDaeb,
    accessibility: e.accessibility as AccessibilityEnum,
    labels: [...e.labels] as DwellingLabelEnum[],
  };
}

export function toDwellingFacts(e: DwellingEntity): DwellingFacts {
  return {
    id: e.id,
    complexId: e.complexId,
    rooms: e.rooms,
    floorAreaM2: e.floorAreaM2,
    netRentCents: e.netRentCents,
    serviceCostsCents: e.serviceCostsCents,
    isDaeb: e.isDaeb,
    accessibility: e.accessibility,
    labels: [...e.labels],
  };
}
