/** The most one uploaded file (deck page, progress photo, receipt) may weigh. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * The most the files of one delivery form may weigh together: the request cap in front of the
 * app (http-guards) is this plus framing, and the form refuses more before sending it.
 */
export const MAX_UPLOAD_TOTAL_BYTES = 3 * MAX_UPLOAD_BYTES;
