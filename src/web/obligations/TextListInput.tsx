import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useRef } from 'react';

interface TextListInputProps {
  label: string;
  description?: string;
  /** Names one item for buttons and labels: "item" → "Add item", "Item 2". */
  itemName: string;
  placeholder?: string;
  value: string[];
  onChange: (value: string[]) => void;
  error?: React.ReactNode;
  maxItems?: number;
}

/**
 * A list of short texts, one input each (commas are allowed inside an item, unlike a tags input).
 * Enter in an item adds the next one; Backspace in an empty item removes it.
 */
export function TextListInput({
  label,
  description,
  itemName,
  placeholder,
  value,
  onChange,
  error,
  maxItems = 50,
}: TextListInputProps) {
  const refs = useRef<(HTMLInputElement | null)[]>([]);
  const focus = (index: number) => requestAnimationFrame(() => refs.current[index]?.focus());
  const set = (index: number, text: string) => onChange(value.map((v, i) => (i === index ? text : v)));
  const add = (at = value.length) => {
    if (value.length >= maxItems) return;
    onChange([...value.slice(0, at), '', ...value.slice(at)]);
    focus(at);
  };
  const remove = (index: number) => {
    onChange(value.filter((_, i) => i !== index));
    focus(Math.max(0, index - 1));
  };
  const capitalised = itemName.charAt(0).toUpperCase() + itemName.slice(1);

  return (
    <Input.Wrapper label={label} description={description} error={error}>
      <Stack gap={6} mt={description ? 6 : 2}>
        {value.map((item, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are plain strings edited in place; the position is their identity
          <Group key={index} gap={6} wrap="nowrap">
            <TextInput
              ref={(el) => {
                refs.current[index] = el;
              }}
              value={item}
              placeholder={placeholder}
              aria-label={`${capitalised} ${index + 1}`}
              style={{ flex: 1 }}
              onChange={(e) => set(index, e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && !(e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  add(index + 1);
                } else if (e.key === 'Backspace' && item === '' && value.length > 0) {
                  e.preventDefault();
                  remove(index);
                }
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              onClick={() => remove(index)}
              aria-label={`Remove ${itemName} ${index + 1}`}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button
            variant="subtle"
            size="compact-sm"
            leftSection={<IconPlus size={14} />}
            onClick={() => add()}
            disabled={value.length >= maxItems}
          >
            Add {itemName}
          </Button>
        </Group>
      </Stack>
    </Input.Wrapper>
  );
}
