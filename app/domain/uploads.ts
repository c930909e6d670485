/** The most one uploaded file (deck page, progress photo, receipt) may weigh. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;
