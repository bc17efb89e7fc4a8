/**
 * The lines of a streamed answer (JSON Lines, CSV), decoded as UTF-8, without their line ends;
 * empty lines skipped. Never holds more than one chunk and one partial line.
 *
 * @example
 * for await (const line of readLines(res)) console.log(JSON.parse(line));
 */
export async function* readLines(res: Response): AsyncGenerator<string> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    let end = rest.indexOf('\n');
    while (end !== -1) {
      const line = rest.slice(0, end).replace(/\r$/, '');
      if (line !== '') yield line;
      rest = rest.slice(end + 1);
      end = rest.indexOf('\n');
    }
  }
  rest += decoder.decode();
  if (rest.trim() !== '') yield rest.replace(/\r$/, '');
}
