/** `?theme=light` or `?theme=dark` picks the colour scheme; each page has its default. */
export type Theme = 'dark' | 'light';

export function applyTheme(defaultTheme: Theme): Theme {
  const asked = new URLSearchParams(window.location.search).get('theme');
  const theme: Theme = asked === 'light' || asked === 'dark' ? asked : defaultTheme;
  document.documentElement.dataset.theme = theme;
  return theme;
}
