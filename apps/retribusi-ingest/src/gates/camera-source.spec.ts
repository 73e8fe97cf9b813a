import { describe, expect, it } from '@jest/globals';
import { validateInput } from '@gerbang/runtime';
import { classifyCameraSource } from './camera-source.js';
import { CreateGateDto } from './dto/gate.dto.js';

describe('camera source', () => {
  it.each([
    ['https://example.com/stream.m3u8', 'hls'],
    ['http://192.168.1.100:8080/hls/stream.m3u8', 'hls'],
    ['HTTPS://cdn.example.com/live/INDEX.M3U8?token=abc', 'hls'],
    ['http://192.168.1.100:8080/camera1', 'http'],
    ['https://example.com/snapshot.jpg', 'http'],
    ['rtsp://192.168.1.100:554/stream1', 'rtsp'],
    ['rtsp://admin:secret@10.0.0.5/Streaming/Channels/101', 'rtsp'],
    ['rtsps://camera.example.com/live', 'rtsp'],
    ['camera_001', 'camera_id'],
    ['cam-lobby-2', 'camera_id'],
  ])('accepts %s as %s', (value, kind) => {
    expect(classifyCameraSource(value)).toBe(kind);
  });

  it.each([
    '',
    'ftp://example.com/stream',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'rtsp://',
    'http://',
    'https://exa mple.com/x.m3u8',
    'camera 001',
    '001_camera',
    'c1',
    'camera_001/../x',
    `https://example.com/${'a'.repeat(2100)}.m3u8`,
  ])('refuses %j', (value) => {
    expect(classifyCameraSource(value)).toBeNull();
  });

  it('is optional on a gate, accepts null or an empty field, and names the field when invalid', async () => {
    const base = { location_code: 'kerkof_01', gate_code: 'gate02', name: 'Gate 02', direction: 'out' };
    await expect(validateInput(CreateGateDto, base)).resolves.toMatchObject(base);
    await expect(validateInput(CreateGateDto, { ...base, camera: null })).resolves.toMatchObject({ camera: null });
    await expect(validateInput(CreateGateDto, { ...base, camera: '' })).resolves.toMatchObject({ camera: '' });
    await expect(validateInput(CreateGateDto, { ...base, camera: 'rtsp://192.168.1.100:554/stream1' })).resolves.toMatchObject({
      camera: 'rtsp://192.168.1.100:554/stream1',
    });
    const failure = await validateInput(CreateGateDto, { ...base, camera: 'smb://share/cam' }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'validation_failed', fields: [expect.objectContaining({ field: 'camera', constraint: 'isCameraSource' })] });
  });
});
