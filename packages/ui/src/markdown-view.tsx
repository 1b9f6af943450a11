import { type MdBlock, type MdInline, safeHref } from '@tebiki/schema';
import type { ComponentChildren } from 'preact';

export interface MarkdownViewProps {
  /** A body parsed with `parseMarkdown`. */
  blocks: readonly MdBlock[];
}

/**
 * Renders a parsed step body as elements and text nodes. Nothing is ever set
 * as HTML, and link hrefs are checked again here, whatever built the tree.
 */
export function MarkdownView({ blocks }: MarkdownViewProps) {
  return <>{blocks.map(renderBlock)}</>;
}

function renderBlock(block: MdBlock): ComponentChildren {
  if (block.type === 'paragraph') return <p>{renderInlines(block.children)}</p>;
  if (block.type !== 'list') return null;
  const items = block.items.map((item) => <li>{renderInlines(item)}</li>);
  return block.ordered ? <ol start={block.start}>{items}</ol> : <ul>{items}</ul>;
}

function renderInlines(nodes: readonly MdInline[]): ComponentChildren {
  return nodes.map(renderInline);
}

function renderInline(node: MdInline): ComponentChildren {
  switch (node.type) {
    case 'text':
      return String(node.value);
    case 'strong':
      return <strong>{renderInlines(node.children)}</strong>;
    case 'em':
      return <em>{renderInlines(node.children)}</em>;
    case 'code':
      return <code>{String(node.value)}</code>;
    case 'br':
      return <br />;
    case 'link': {
      const href = safeHref(node.href);
      if (href === null) return renderInlines(node.children);
      // Leaving the host app for another site opens a new tab, without an opener.
      const external = /^https?:/i.test(href);
      return (
        <a
          href={href}
          target={external ? '_blank' : undefined}
          rel={external ? 'noopener noreferrer' : undefined}
        >
          {renderInlines(node.children)}
        </a>
      );
    }
    default:
      return null;
  }
}
