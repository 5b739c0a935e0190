// All of the web app's texts, by language: the shared file plus one file per feature, merged under
// each feature's own top-level key so features never edit each other's files.

import bn from './bn.json';
import bulkImportBn from './bulkImport.bn.json';
import bulkImportEn from './bulkImport.en.json';
import composerBn from './composer.bn.json';
import composerEn from './composer.en.json';
import en from './en.json';
import plannerBn from './planner.bn.json';
import plannerEn from './planner.en.json';

export type Texts = { [key: string]: string | Texts };

export const TEXTS: Record<'en' | 'bn', Texts> = {
  en: { ...en, composer: composerEn, planner: plannerEn, bulkImport: bulkImportEn },
  bn: { ...bn, composer: composerBn, planner: plannerBn, bulkImport: bulkImportBn },
};
