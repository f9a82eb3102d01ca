import { BandOutcome, PolicyPrice, SimulationSummary } from './summarise.js';

const W = 800;
const H = 360;
const M = { left: 56, right: 240, top: 40, bottom: 44 };
const COLORS = ['#6b7280', '#1d4ed8', '#b45309', '#047857'];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The price of a policy in one line: registration time given up per allocation and the share that deviated. */
export function priceCaption(price: PolicyPrice): string {
  if (price.deviatedShareBasisPoints === 0) return 'waiting-list order kept';
  return `price: ${price.registrationTimeGivenUpYears.toFixed(1)} yr registration given up, ${(price.deviatedShareBasisPoints / 100).toFixed(0)}% deviated`;
}

/**
 * A self-contained SVG (no fonts, scripts or links to load): the share of one series over the years,
 * one line per policy with its P10-P90 band, and the target band of the policy that set it.
 */
export function seriesChartSvg(summary: SimulationSummary, seriesId: string, title: string): string {
  const points = summary.series.filter((s) => s.seriesId === seriesId);
  const policies = [...new Set(points.map((p) => p.policy))];
  const maxBp = Math.min(
    10_000,
    Math.max(1000, ...points.map((p) => p.p90BasisPoints), ...summary.bands.filter((b) => b.seriesId === seriesId).map((b) => b.basisPoints)) * 1.15,
  );
  const x = (year: number) => M.left + (year / Math.max(1, summary.years)) * (W - M.left - M.right);
  const y = (bp: number) => H - M.bottom - (bp / maxBp) * (H - M.top - M.bottom);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${M.left}" y="22" font-size="14" font-weight="bold">${esc(title)}</text>`);
  const bands: BandOutcome[] = summary.bands.filter((b) => b.seriesId === seriesId);
  for (const b of bands) {
    const top = b.bound === 'MAX' ? y(b.basisPoints) : y(maxBp);
    const bottom = b.bound === 'MAX' ? y(0) : y(b.basisPoints);
    parts.push(
      `<rect x="${M.left}" y="${top.toFixed(1)}" width="${W - M.left - M.right}" height="${(bottom - top).toFixed(1)}" fill="#16a34a" fill-opacity="0.08"/>`,
    );
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(b.basisPoints).toFixed(1)}" y2="${y(b.basisPoints).toFixed(1)}" stroke="#16a34a" stroke-dasharray="6 4"/>`,
    );
    parts.push(
      `<text x="${W - M.right + 6}" y="${(y(b.basisPoints) + 4).toFixed(1)}" fill="#16a34a">target ${b.bound === 'MAX' ? '≤' : '≥'} ${(b.basisPoints / 100).toFixed(0)}% (${esc(b.setBy)})</text>`,
    );
  }
  for (let bp = 0; bp <= maxBp; bp += maxBp > 5000 ? 2000 : 1000) {
    parts.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(bp).toFixed(1)}" y2="${y(bp).toFixed(1)}" stroke="#e5e7eb"/>`);
    parts.push(`<text x="${M.left - 6}" y="${(y(bp) + 4).toFixed(1)}" text-anchor="end">${(bp / 100).toFixed(0)}%</text>`);
  }
  for (let year = 0; year <= summary.years; year += Math.max(1, Math.ceil(summary.years / 10))) {
    parts.push(`<text x="${x(year).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${year}</text>`);
  }
  parts.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" text-anchor="middle">years from now</text>`);
  policies.forEach((policy, i) => {
    const color = COLORS[i % COLORS.length];
    const ps = points.filter((p) => p.policy === policy).sort((a, b) => a.year - b.year);
    const upper = ps.map((p) => `${x(p.year).toFixed(1)},${y(p.p90BasisPoints).toFixed(1)}`);
    const lower = ps.map((p) => `${x(p.year).toFixed(1)},${y(p.p10BasisPoints).toFixed(1)}`).reverse();
    parts.push(`<polygon points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.15"/>`);
    parts.push(
      `<polyline points="${ps.map((p) => `${x(p.year).toFixed(1)},${y(p.meanBasisPoints).toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`,
    );
    parts.push(`<text x="${W - M.right + 6}" y="${M.top + 16 + i * 36}" fill="${color}">■ ${esc(policy)} (mean, P10-P90)</text>`);
    const price = summary.prices.find((p) => p.policy === policy);
    if (price) parts.push(`<text x="${W - M.right + 18}" y="${M.top + 32 + i * 36}" fill="${color}" font-size="10">${esc(priceCaption(price))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
