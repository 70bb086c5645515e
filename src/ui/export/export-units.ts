/**
 * The units shown (names and former districts) that table downloads name (use-table-export.ts); the App provides
 * them. Apart from the downloads so that providing them does not load the exports' code at start.
 */
import { createContext } from 'react';
import type { UnitLabel } from './localise-table.ts';

/** Unit code → name and former district(s) of the layout shown. */
export const ExportUnitsContext = createContext<ReadonlyMap<string, UnitLabel>>(new Map());
