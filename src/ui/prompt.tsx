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
  /** Before the prompt sign: "(SERVICE) " through the support tunnel. */
  label?: string;
}

/** The bottom of the console: live status lines, a hint line, and the input line with its cursor. */
export function Prompt({ captures, hint, question, line, cursor, busy, label = '' }: PromptProps): React.JSX.Element {
  const at = line[cursor] ?? ' ';
  return (
    <Box flexDirection="column">
      {captures.map((s, i) => (
        <Text key={s.stream ? `${s.device} stream ${i}` : s.device} color={s.state === 'error' ? 'red' : s.state === 'running' ? 'green' : 'yellow'}>
          {statusLine(s)}
        </Text>
      ))}
      {hint ? <Text dimColor>{hint}</Text> : null}
      <Text>
        <Text bold>{question ?? (busy ? '… ' : `${label}pcapdump> `)}</Text>
        {line.slice(0, cursor)}
        <Text inverse>{at}</Text>
        {line.slice(cursor + 1)}
      </Text>
    </Box>
  );
}
