import { describe, expect, it } from '@jest/globals';
import { indonesianTimezone, isInsideIndonesiaBounds } from './indonesia-area.js';

describe('indonesianTimezone', () => {
  it.each([
    ['Jakarta', -6.2, 106.8, 'Asia/Jakarta'],
    ['Pontianak (WIB, zone Asia/Pontianak)', -0.03, 109.3, 'Asia/Jakarta'],
    ['Banyuwangi, east end of Java', -8.2, 114.37, 'Asia/Jakarta'],
    ['Gilimanuk, west end of Bali', -8.17, 114.44, 'Asia/Makassar'],
    ['Balikpapan', -1.26, 116.8, 'Asia/Makassar'],
    ['Makassar', -5.1, 119.4, 'Asia/Makassar'],
    ['Ambon', -3.7, 128.2, 'Asia/Jayapura'],
    ['Jayapura, beside the border with Papua New Guinea', -2.5, 140.7, 'Asia/Jayapura'],
    ['Merauke', -8.5, 140.4, 'Asia/Jayapura'],
    ['Skouw, on the border with Papua New Guinea', -2.6, 140.95, 'Asia/Jayapura'],
    ['Entikong, on the border with Sarawak', 0.98, 110.35, 'Asia/Jakarta'],
    ['Tarakan', 3.3, 117.6, 'Asia/Makassar'],
    ['Java Sea', -5, 110, 'Asia/Jakarta'],
    ['Arafura Sea', -9, 135, 'Asia/Jayapura'],
  ])('%s', (_place, latitude, longitude, zone) => {
    expect(indonesianTimezone(latitude, longitude)).toBe(zone);
  });

  it.each([
    ['the document example (the Atlantic off Africa)', 3.34343, 2.32343],
    ['Kuala Lumpur', 3.1, 101.7],
    ['Singapore', 1.35, 103.8],
    ['Kuching', 1.55, 110.35],
    ['Papua New Guinea east of 141° E', -5, 141.05],
    ['Davao', 7, 125.5],
    ['General Santos, inside the extent but in the Philippines', 6.1, 125.2],
    ['Sydney', -33.9, 151.2],
  ])('refuses %s', (_place, latitude, longitude) => {
    expect(indonesianTimezone(latitude, longitude)).toBeNull();
  });

  it('tells which coordinate leaves the extent', () => {
    expect(isInsideIndonesiaBounds(3.34, 2.32)).toEqual({ latitude: true, longitude: false });
    expect(isInsideIndonesiaBounds(-20, 120)).toEqual({ latitude: false, longitude: true });
  });
});
