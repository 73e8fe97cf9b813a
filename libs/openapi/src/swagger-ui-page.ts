/** Where the Swagger UI files (swagger-ui-dist) and the start script are served. */
export const DOCS_ASSETS_PREFIX = '/docs/assets/';

/** The swagger-ui-dist files a page needs; nothing else of the package is served. */
export const SWAGGER_UI_ASSET_FILES = [
  'swagger-ui.css',
  'index.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
] as const;

export const SWAGGER_INIT_SCRIPT_FILE = 'gerbang-swagger-init.js';

/**
 * Starts Swagger UI with the configuration in the page's `data-config` attribute. It is a
 * file, not an inline script, so the pages work under `script-src 'self'`. Swagger UI reads
 * no configuration from the query string (queryConfigEnabled: false) and calls no online
 * validator (validatorUrl: null).
 */
export const SWAGGER_INIT_SCRIPT = `(function () {
  'use strict';
  var element = document.getElementById('swagger-ui');
  var config = JSON.parse(element.getAttribute('data-config') || '{}');
  var options = {
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
    validatorUrl: null,
    queryConfigEnabled: false
  };
  for (var key in config) {
    if (Object.prototype.hasOwnProperty.call(config, key)) options[key] = config[key];
  }
  window.ui = SwaggerUIBundle(options);
})();
`;

export interface SwaggerUiEntry {
  /** Shown in the Swagger UI dropdown. */
  name: string;
  /** URL of the OpenAPI document. */
  url: string;
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] as string);

/** A Swagger UI page over one or more documents (a dropdown when there are several), with local assets only. */
export function swaggerUiPage(title: string, entries: readonly SwaggerUiEntry[], primaryName = entries[0]?.name): string {
  const config: Record<string, unknown> = { urls: entries.map((entry) => ({ url: entry.url, name: entry.name })) };
  if (primaryName) config['urls.primaryName'] = primaryName;
  const asset = (file: string): string => escapeHtml(`${DOCS_ASSETS_PREFIX}${file}`);
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${escapeHtml(title)}</title>
    <link rel="stylesheet" href="${asset('swagger-ui.css')}">
    <link rel="stylesheet" href="${asset('index.css')}">
    <link rel="icon" type="image/png" href="${asset('favicon-32x32.png')}" sizes="32x32">
    <link rel="icon" type="image/png" href="${asset('favicon-16x16.png')}" sizes="16x16">
  </head>
  <body>
    <div id="swagger-ui" data-config="${escapeHtml(JSON.stringify(config))}"></div>
    <noscript>The API documentation needs JavaScript. The OpenAPI documents: ${entries.map((entry) => `<a href="${escapeHtml(entry.url)}">${escapeHtml(entry.name)}</a>`).join(', ')}.</noscript>
    <script src="${asset('swagger-ui-bundle.js')}" charset="utf-8"></script>
    <script src="${asset('swagger-ui-standalone-preset.js')}" charset="utf-8"></script>
    <script src="${asset(SWAGGER_INIT_SCRIPT_FILE)}" charset="utf-8"></script>
  </body>
</html>
`;
}

/**
 * The Content-Security-Policy for the docs pages. Scripts come only from this origin (no
 * inline script, no eval). Styles allow 'unsafe-inline' because Swagger UI sets inline
 * styles at run time; swagger-ui.css draws its icons as data: images. "Try it out" calls the
 * API, so connect-src adds the origins of other servers (product hosts, a public base URL).
 */
export function docsContentSecurityPolicy(connectOrigins: readonly string[] = []): string {
  const connect = ["'self'", ...new Set(connectOrigins)].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${connect}`,
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** The policy when every product is served from the gateway's own origin. */
export const DOCS_CONTENT_SECURITY_POLICY = docsContentSecurityPolicy();
