import { Controller, Get, Header, HttpException, HttpStatus, Param, Query } from '@nestjs/common';
import { Public } from '../auth/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { seriesChartSvg } from '../engine/simulation/chart.js';
import { SimulationsService } from './simulations.service.js';

/**
 * SVG charts of a simulation at the signed links `simulation(id)` hands out (a browser opening a
 * link cannot send a bearer token; the signature and its expiry stand in for it).
 */
@Public()
@Controller('simulations')
export class SimulationChartsController {
  constructor(private readonly simulations: SimulationsService) {}

  @Get(':id/charts/:complex/:series')
  @Header('content-type', 'image/svg+xml; charset=utf-8')
  @Header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  async chart(
    @Param('id') id: string,
    @Param('complex') complex: string,
    @Param('series') series: string,
    @Query('exp') exp: string,
    @Query('sig') sig: string,
  ) {
    const seriesId = series.replace(/\.svg$/, '');
    const path = `/simulations/${id}/charts/${encodeURIComponent(complex)}/${encodeURIComponent(seriesId)}.svg`;
    try {
      this.simulations.verifyChartLink(path, exp ?? '', sig ?? '');
      const sim = await this.simulations.get(id);
      const result = SimulationsService.results(sim).find((r) => r.complexCode === complex);
      if (!result || !result.summary.series.some((s) => s.seriesId === seriesId)) throw DomainError.notFound('Chart', `${complex}/${seriesId}`);
      const band = result.summary.bands.find((b) => b.seriesId === seriesId);
      return seriesChartSvg(result.summary, seriesId, band ? `${band.label} in ${complex}` : `${seriesId} in ${complex}`);
    } catch (error) {
      if (error instanceof DomainError)
        throw new HttpException({ error: error.code, message: error.message }, error.code === 'NOT_FOUND' ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN);
      throw error;
    }
  }
}
