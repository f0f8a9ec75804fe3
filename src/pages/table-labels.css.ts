/** /table-labels.css: the stacked tables' column names (a static file: CSP allows 'self' styles). */
import type { APIRoute } from 'astro';
import { tableLabelCss } from '../lib/views/table-columns.ts';
import { textResponse } from '../lib/routes/response.ts';

export const GET: APIRoute = () => textResponse(tableLabelCss(), 'css');
