import { Title, Typography } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';

const components: Components = {
  // Links in incident text often point at suspicious places: never pass the referrer or the window.
  a: ({ node: _node, ...props }) => <a {...props} target="_blank" rel="noopener noreferrer nofollow" />,
  // Headings inside a note or description must not outshout the page's own headings.
  h1: ({ node: _node, ...props }) => <Title order={3} fz="lg" mt="xs" mb={4} {...props} />,
  h2: ({ node: _node, ...props }) => <Title order={4} fz="md" mt="xs" mb={4} {...props} />,
  h3: ({ node: _node, ...props }) => <Title order={5} fz="sm" mt="xs" mb={4} {...props} />,
  h4: ({ node: _node, ...props }) => <Title order={6} fz="sm" mt="xs" mb={4} {...props} />,
  h5: ({ node: _node, ...props }) => <Title order={6} fz="sm" mt="xs" mb={4} {...props} />,
  h6: ({ node: _node, ...props }) => <Title order={6} fz="sm" mt="xs" mb={4} {...props} />,
};

/** Renders user Markdown; raw HTML is dropped and unsafe URLs are removed by react-markdown. */
export function Markdown({ children }: { children: string }) {
  return (
    <Typography fz="sm" style={{ overflowWrap: 'anywhere' }}>
      <ReactMarkdown skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}
