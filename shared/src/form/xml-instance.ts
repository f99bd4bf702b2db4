/**
 * A small strict XML reader for external XML instances (form media `*.xml`): elements, attributes,
 * text, CDATA, comments, processing instructions and the predefined and numeric entities. No DTDs
 * (a DOCTYPE is refused), so no entity expansion. The browser's DOMParser is not used because the
 * server reads the same files.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (concatenated text and CDATA), trimmed. */
  readonly text: string;
}

const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    const known = ENTITIES[body];
    if (known === undefined) throw new Error(`unknown entity ${whole}`);
    return known;
  });
}

const NAME = /^[A-Za-z_:][\w.:-]*/;

export function parseXml(source: string): XmlElement {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${message} at character ${i + 1}`);
  };
  const skipMisc = () => {
    for (;;) {
      while (i < source.length && /\s/.test(source[i]!)) i++;
      if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) fail('unterminated processing instruction');
        i = end + 2;
      } else if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else if (source.startsWith('<!DOCTYPE', i)) {
        fail('DOCTYPE declarations are not allowed');
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') fail("expected '<'");
    i++;
    const name = NAME.exec(source.slice(i, i + 256))?.[0];
    if (!name) return fail('expected an element name');
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      while (/\s/.test(source[i] ?? '')) i++;
      if (source.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [], text: '' };
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      const attr = NAME.exec(source.slice(i, i + 256))?.[0];
      if (!attr) fail('expected an attribute');
      i += attr!.length;
      while (/\s/.test(source[i] ?? '')) i++;
      if (source[i] !== '=') fail("expected '='");
      i++;
      while (/\s/.test(source[i] ?? '')) i++;
      const quote = source[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted attribute value');
      const end = source.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute value');
      attributes[attr!] = decode(source.slice(i + 1, end));
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = '';
    for (;;) {
      if (i >= source.length) fail(`element <${name}> is not closed`);
      if (source.startsWith('</', i)) {
        const end = source.indexOf('>', i);
        const closing = source.slice(i + 2, end).trim();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        i = end + 1;
        return { name, attributes, children, text: text.trim() };
      }
      if (source.startsWith('<![CDATA[', i)) {
        const end = source.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        text += source.slice(i + 9, end);
        i = end + 3;
      } else if (source.startsWith('<!--', i) || source.startsWith('<?', i)) {
        skipMisc();
      } else if (source[i] === '<') {
        children.push(element());
      } else {
        const end = source.indexOf('<', i);
        text += decode(source.slice(i, end < 0 ? source.length : end));
        i = end < 0 ? source.length : end;
      }
    }
  };
  if (source.charCodeAt(0) === 0xfeff) i = 1;
  skipMisc();
  const root = element();
  skipMisc();
  if (i < source.length) fail('content after the root element');
  return root;
}
