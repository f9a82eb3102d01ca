import { Module } from '@nestjs/common';
import { NeighbourhoodsResolver } from './neighbourhoods.resolver.js';
import { NeighbourhoodsService } from './neighbourhoods.service.js';

/** The neighbourhoods feature: its providers; exports only what other features use. */
@Module({
  providers: [NeighbourhoodsService, NeighbourhoodsResolver],
})
export class NeighbourhoodsModule {}
