import type { TSESLint } from '@typescript-eslint/utils';
import { rules } from '../rules/index.js';
import { PACKAGE_NAME, PACKAGE_VERSION } from './version.js';

const plugin = {
  meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
  rules,
  configs: {} as Record<string, TSESLint.FlatConfig.Config>,
};

export default plugin;
