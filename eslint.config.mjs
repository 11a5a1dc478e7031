// The rules Obsidian's review bot applies (eslint-plugin-obsidianmd's recommended set), over the
// plugin's source. Tests, scripts and the CLI's Node code are not part of the plugin bundle.
import { defineConfig } from 'eslint/config';
import obsidianmd from 'eslint-plugin-obsidianmd';

export default defineConfig([
  {
    ignores: ['node_modules/**', 'dist/**', 'main.js', 'test/**', 'bench/**', 'scripts/**', 'examples/**', '.demo/**', 'esbuild.config.mjs', 'jest.config.js', 'eslint.config.mjs', 'src/cli/**'],
  },
  ...obsidianmd.configs.recommended,
  {
    files: ['src/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['manifest.json'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
]);
