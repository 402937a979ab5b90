/**
 * A minimal XML tree for WordprocessingML as the export writes it (no DOM in shared/): elements keep their
 * attributes as written and text keeps its escapes, so a part parsed and written again is the same string.
 * Enough for the tracked-changes export to take document.xml apart by paragraph, run and table cell.
 */

export interface XmlElement {
  readonly kind: 'element';
  readonly name: string;
  /** The attributes exactly as written, with their leading space ('' when none). */
  attributes: string;
  children: XmlNode[];
  /** Written as <name/> when it has no children. */
  readonly selfClosing: boolean;
}

export interface XmlText {
  readonly kind: 'text';
  /** As written, entities included. */
  readonly raw: string;
}

export type XmlNode = XmlElement | XmlText;

export const TAG =
  /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[^>]*\?>|<!--[\s\S]*?-->|[^<]+/g;

/** Parses a fragment or a whole part; the prolog and comments are kept as text. */
export function parseXml(xml: string): XmlNode[] {
  const root: XmlElement = { kind: 'element', name: '#root', attributes: '', children: [], selfClosing: false };
  const stack: XmlElement[] = [root];
  for (const match of xml.matchAll(TAG)) {
    const [whole, closing, name, attributes, selfClosing] = match;
    const top = stack[stack.length - 1] as XmlElement;
    if (name === undefined) {
      top.children.push({ kind: 'text', raw: whole });
      continue;
    }
    if (closing) {
      if (top.name !== name) throw new Error(`Unbalanced XML: </${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const element: XmlElement = {
      kind: 'element',
      name,
      attributes: attributes ?? '',
      children: [],
      selfClosing: selfClosing === '/',
    };
    top.children.push(element);
    if (!element.selfClosing) stack.push(element);
  }
  if (stack.length !== 1) throw new Error(`Unbalanced XML: <${stack[stack.length - 1]?.name}> is never closed`);
  return root.children;
}

export function writeXml(nodes: readonly XmlNode[]): string {
  let out = '';
  const write = (node: XmlNode): void => {
    if (node.kind === 'text') {
      out += node.raw;
      return;
    }
    if (node.selfClosing && node.children.length === 0) {
      out += `<${node.name}${node.attributes}/>`;
      return;
    }
    out += `<${node.name}${node.attributes}>`;
    for (const child of node.children) write(child);
    out += `</${node.name}>`;
  };
  for (const node of nodes) write(node);
  return out;
}

export function element(name: string, attributes = '', children: XmlNode[] = []): XmlElement {
  return { kind: 'element', name, attributes, children, selfClosing: children.length === 0 };
}

export function isElement(node: XmlNode | undefined, name?: string): node is XmlElement {
  return node !== undefined && node.kind === 'element' && (name === undefined || node.name === name);
}

/** The first element child of this name. */
export function child(parent: XmlElement, name: string): XmlElement | undefined {
  return parent.children.find((node): node is XmlElement => isElement(node, name));
}

/** The first element of this name anywhere below the nodes, depth first. */
export function find(nodes: readonly XmlNode[], name: string): XmlElement | undefined {
  for (const node of nodes) {
    if (!isElement(node)) continue;
    if (node.name === name) return node;
    const found = find(node.children, name);
    if (found) return found;
  }
  return undefined;
}

/** The value of an attribute as written (still escaped), or undefined. */
export function attribute(node: XmlElement, name: string): string | undefined {
  const match = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}="([^"]*)"`).exec(node.attributes);
  return match?.[1];
}

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

export function unescapeText(raw: string): string {
  return raw.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-fA-F]+);/g, (entity, name: string) => {
    switch (name) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
      case 'amp':
        return '&';
      default:
        return String.fromCodePoint(name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    }
  });
}

/** The text of the nodes (w:t contents and text nodes), entities decoded. */
export function textContent(nodes: readonly XmlNode[]): string {
  let out = '';
  for (const node of nodes) out += node.kind === 'text' ? unescapeText(node.raw) : textContent(node.children);
  return out;
}
