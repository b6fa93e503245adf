import { readFileSync } from 'node:fs';

/** Muster's version from package.json, read once at start. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')).version;

/** What every request Muster sends (webhooks, chat, SMS gateway) says it is, so receivers can tell and filter. */
export const USER_AGENT = `Muster/${VERSION}`;
