/** What the record says about itself: the PDF's document information and its XMP packet. */
export interface RecordMetadata {
  title: string;
  /** The leader who holds the conversation and files the plan. */
  author: string;
  subject: string;
  keywords: string;
  /** BCP 47, e.g. "da-DK". */
  lang: string;
  created: Date;
}

/**
 * The plan is a personnel record, kept for years: PDF/A-2a (ISO 19005-2, level A: tagged, every
 * glyph mapped to Unicode, the language named), so it stays readable without the app and to a
 * screen reader. pdfkit writes the identification (pdfaid) and the sRGB output intent; every font is
 * embedded. The title is shown instead of the file name (PDF/UA's DisplayDocTitle).
 */
export function archivalOptions(meta: RecordMetadata): PDFKit.PDFDocumentOptions {
  return {
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info: { Title: meta.title, Author: meta.author, Subject: meta.subject, Keywords: meta.keywords, CreationDate: meta.created }
  };
}

/**
 * pdfkit copies the document information into the XMP packet as it is: an "&" or "<" in a name
 * would break the XML, and with it the PDF/A metadata. The packet gets escaped copies; the
 * document information keeps the text itself.
 */
export function escapeXmpValues(doc: PDFKit.PDFDocument): void {
  const withInfo = doc as unknown as { info: Record<string, unknown>; _addInfo(): void };
  const addInfo = withInfo._addInfo;
  withInfo._addInfo = function (this: typeof withInfo) {
    const info = this.info;
    this.info = Object.fromEntries(Object.entries(info).map(([key, value]) => [key, typeof value === 'string' ? escapeXml(value) : value]));
    try {
      addInfo.call(this);
    } finally {
      this.info = info;
    }
  };
}

const XML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => XML_SPECIAL[c]);
