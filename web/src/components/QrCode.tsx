// A QR code drawn in the page as SVG from the qrcode library's module matrix: no image service, no
// data: URL, no inline style (the strict CSP holds). Used for the otpauth:// enrolment URI.
import QRCode from 'qrcode';
import { useMemo } from 'react';

export function qrPath(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (qr.modules.get(x, y)) d += `M${x} ${y}h1v1h-1z`;
    }
  }
  return { size: n, d };
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  const q = 4; // the quiet zone the spec asks for
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      viewBox={`${-q} ${-q} ${size + 2 * q} ${size + 2 * q}`}
      width="220"
      height="220"
      shapeRendering="crispEdges"
    >
      <rect x={-q} y={-q} width={size + 2 * q} height={size + 2 * q} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
