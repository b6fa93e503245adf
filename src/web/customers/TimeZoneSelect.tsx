import { Select, type SelectProps } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { userTimeZone } from '../core/time.ts';

let options: { value: string; label: string }[] | undefined;

/** Every IANA zone the browser knows, with its current UTC offset ("Europe/Oslo · GMT+1"); computed once. */
function zoneOptions(): { value: string; label: string }[] {
  if (options) return options;
  const now = new Date();
  const zones = Intl.supportedValuesOf('timeZone');
  if (!zones.includes('UTC')) zones.unshift('UTC');
  options = zones.map((zone) => {
    let offset = '';
    try {
      offset =
        new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'shortOffset' })
          .formatToParts(now)
          .find((p) => p.type === 'timeZoneName')?.value ?? '';
    } catch {
      // A zone this browser lists but cannot format: show it without an offset.
    }
    return { value: zone, label: offset && zone !== 'UTC' ? `${zone} · ${offset}` : zone };
  });
  return options;
}

/** A searchable IANA time zone picker; type a city or region ("Oslo", "America/"). */
export function TimeZoneSelect(props: Omit<SelectProps, 'data'>) {
  const data = zoneOptions();
  const value = typeof props.value === 'string' ? props.value : null;
  // A stored zone the browser does not list still shows, rather than an empty box.
  const withCurrent = value && !data.some((o) => o.value === value) ? [{ value, label: value }, ...data] : data;
  return (
    <Select
      label="Time zone"
      searchable
      allowDeselect={false}
      nothingFoundMessage="No time zone matches; try a city such as Oslo or New_York"
      leftSection={<IconWorld size={16} aria-hidden />}
      limit={50}
      description={`Yours is ${userTimeZone()}`}
      {...props}
      data={withCurrent}
    />
  );
}
