// electron-builder beforePack hook. Rule: no installer without the organisation's validated
// settings. `npm run dist` validates the app-config and writes out/app-config.json;
// electron-builder run by hand would otherwise pack an app.asar without it, an app that
// cannot find its Stytch project.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export default async function requireAppConfig(context) {
  const file = join(context.packager.projectDir, 'out', 'app-config.json');
  if (!existsSync(file)) {
    throw new Error(
      `${file} is missing. Build installers with "npm run dist", which validates the app-config ` +
        '(build/app-config.json by default) and writes this file.',
    );
  }
}
