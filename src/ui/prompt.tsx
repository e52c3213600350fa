import React from 'react';
import { Box, Text } from 'ink';
import type { CaptureStatus } from '../console/status.js';
import { statusLine } from './render.js';

export interface PromptProps {
  /** Running captures and ones that ended badly: a line each above the prompt. */
  captures: CaptureStatus[];
  hint: string;
  /** A question (quit with unwritten packets?) shown instead of the prompt sign. */
  question: string | null;
  line: string;
  cursor: number;
  busy: boolean;
}

/** The bottom of the console: live status lines, a hint line, and the input line with its cursor. */
export function Prompt({ captures, hint, question, line, cursor, busy }: PromptProps): React.JSX.Element {
  const at = line[cursor] ?? ' ';
  return (
    <Box flexDirection="column">
      {captures.map((s) => (
        <Text key={s.device} color={s.state === 'error' ? 'red' : s.state === 'running' ? 'green' : 'yellow'}>
          {statusLine(s)}
        </Text>
      ))}
      {hint ? <Text dimColor>{hint}</Text> : null}
      <Text>
        <Text bold>{question ?? (busy ? '… ' : 'pcapdump> ')}</Text>
        {line.slice(0, cursor)}
        <Text inverse>{at}</Text>
        {line.slice(cursor + 1)}
      </Text>
    </Box>
  );
}
