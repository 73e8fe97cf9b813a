import type { Product } from '@gerbang/contracts';

export interface ProductInfo {
  /** Title of the product's OpenAPI document and its entry in the Swagger UI dropdown. */
  title: string;
  /** What the API is for (Markdown), from the product's contract document. */
  summary: string;
}

/** One entry per product, from the contract documents in spec/. */
export const PRODUCT_INFO: Record<Product, ProductInfo> = {
  retribusi: {
    title: 'Retribusi API',
    summary:
      'Levy and parking collection: IoT gates post entry events; locations, gates and tariffs; daily and hourly summaries, dashboards and a realtime SSE stream.',
  },
  crm: {
    title: 'CRM Batubara Niaga API',
    summary: 'Coal-trading CRM (Contract API BBN): resource and privilege based roles, users, master data and reference data.',
  },
  isp: {
    title: 'ISP Billing API',
    summary: 'ISP customer app and billing: customers, packages, invoices, helpdesk, push notifications, the partner billing API (API key) and router status.',
  },
  qr: {
    title: 'QR API',
    summary: 'QR codes with scan tracking, analytics, bulk creation and ownership transfer.',
  },
  autogate: {
    title: 'API Autogate KEK',
    summary: 'Port and industrial-zone gate automation: companies, users, tickets, gates and lanes, the external OAuth API and reports.',
  },
};
