/**
 * Saves text the service made as a file of this browser. A CSV keeps the byte order mark the service
 * put in front (a spreadsheet reads the file as UTF-8 by it: ë, €), so the text goes into the Blob as is.
 */
export function saveTextFile(text: string, fileName: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // after the browser has taken the file
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
