import { Public } from '../auth/auth.decorators.js';
import { Controller, Get, Header } from '@nestjs/common';

/**
 * A minimal GraphQL console served by Woonmix itself: associations run it on closed networks, so
 * nothing here loads from the internet (no CDN-hosted playground). Plain HTML and fetch().
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Woonmix GraphQL console</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 1rem; display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
  h1 { grid-column: 1 / 3; font-size: 1.2rem; margin: 0; }
  textarea, pre { width: 100%; box-sizing: border-box; font: 13px ui-monospace, monospace; }
  textarea { height: 14rem; } pre { background: #f4f4f4; padding: .5rem; min-height: 30rem; overflow: auto; margin: 0; }
  label { display: block; margin: .5rem 0 .2rem; }
</style></head>
<body>
<h1>Woonmix GraphQL console <small>(POST /graphql; schema in schema.gql)</small></h1>
<div>
  <label for="q">Query</label>
  <textarea id="q">{
  complexes(first: 5, filter: { maxResilienceClass: 2 }) {
    totalCount
    nodes { code name dwellingCount neighbourhood { name resilienceClass }
      composition { occupiedCount inflow { count urgentShare vulnerableShare } } }
  }
}</textarea>
  <label for="v">Variables (JSON)</label>
  <textarea id="v" style="height:5rem">{}</textarea>
  <label for="t">Authorization (optional bearer token)</label>
  <input id="t" style="width:100%">
  <p><button id="run">Run (Ctrl+Enter)</button></p>
</div>
<pre id="out"></pre>
<script>
  const $ = (id) => document.getElementById(id);
  async function run() {
    $('out').textContent = '...';
    let variables = {};
    try { variables = JSON.parse($('v').value || '{}'); } catch (e) { $('out').textContent = 'Variables are not valid JSON: ' + e.message; return; }
    const headers = { 'content-type': 'application/json' };
    if ($('t').value) headers.authorization = 'Bearer ' + $('t').value.replace(/^Bearer\\s+/i, '');
    const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query: $('q').value, variables }) });
    $('out').textContent = JSON.stringify(await res.json(), null, 2);
  }
  $('run').onclick = run;
  document.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key === 'Enter') run(); });
</script>
</body></html>`;

@Public()
@Controller()
export class ConsoleController {
  @Get('console')
  @Header('content-type', 'text/html; charset=utf-8')
  // only this document's own inline script and same-origin requests
  @Header('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
  page(): string {
    return PAGE;
  }
}
