// What every component receives from Python.

// The payload is one JSON document, sent as bytes.
export function decodePayload(data) {
  if (data instanceof ArrayBuffer) data = new Uint8Array(data);
  if (ArrayBuffer.isView(data)) data = new TextDecoder().decode(data);
  return typeof data === "string" ? JSON.parse(data) : data;
}
