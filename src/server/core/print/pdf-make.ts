import { createRequire } from 'node:module';
import path from 'node:path';
import type { CustomTableLayout } from 'pdfmake/interfaces.js';

// pdfmake, loaded on first use: it pulls in PDFKit and a font engine the server does not need at start-up.

type PdfMake = typeof import('pdfmake');
let loaded: PdfMake | null = null;

/** pdfmake with the Roboto fonts it ships, and no access to any URL or file but those fonts. */
export function pdfMake(): PdfMake {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const lib = require('pdfmake') as PdfMake;
  // Roboto ships inside the pdfmake package: nothing is fetched, and it covers Norwegian and other Latin text.
  const fonts = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
  lib.setFonts({
    Roboto: {
      normal: path.join(fonts, 'Roboto-Regular.ttf'),
      bold: path.join(fonts, 'Roboto-Medium.ttf'),
      italics: path.join(fonts, 'Roboto-Italic.ttf'),
      bolditalics: path.join(fonts, 'Roboto-MediumItalic.ttf'),
    },
  });
  // Printed text is user input: it must never make the server fetch a URL or read a file other than the fonts.
  lib.setUrlAccessPolicy(() => false);
  lib.setLocalAccessPolicy((file) => path.resolve(file).startsWith(fonts + path.sep));
  loaded = lib;
  return lib;
}

/** Thin grey lines around every cell: the tables of every printed document. */
export const GRID: CustomTableLayout = {
  hLineWidth: () => 0.5,
  vLineWidth: () => 0.5,
  hLineColor: () => '#444444',
  vLineColor: () => '#444444',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5,
};
