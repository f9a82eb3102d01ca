import { useEffect, useRef } from 'react';

/** Mounts an Observable Plot figure (an SVG element made by `make`) and replaces it when the inputs change. */
export function PlotFigure({ make, label, deps }: { make: () => SVGSVGElement | HTMLElement; label: string; deps: unknown[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const figure = make();
    // one image with one name: the marks' own labels ("rule", "dot") would be read out as noise
    for (const element of figure.querySelectorAll('[aria-label], [aria-description]')) {
      element.removeAttribute('aria-label');
      element.removeAttribute('aria-description');
    }
    // a chart with a legend comes as a <figure> of several SVGs: the whole is the one image
    for (const svg of figure.querySelectorAll('svg')) svg.setAttribute('aria-hidden', 'true');
    figure.setAttribute('role', 'img');
    figure.setAttribute('aria-label', label);
    ref.current?.replaceChildren(figure);
    return () => figure.remove();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return <div ref={ref} className="plot" />;
}
