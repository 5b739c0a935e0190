// Starts the web app: texts in the chosen language, the data cache, the router, then the page.
import '@fontsource/noto-sans-bengali/400.css';
import '@fontsource/noto-sans-bengali/600.css';
import './styles/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { ApiError } from './api/apiClient.ts';
import { App } from './app/App.tsx';
import { initI18n } from './i18n/i18n.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; only server or network trouble is worth a retry.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element');

// Ask for the Bengali face before anything is drawn: Chromium leaves the first Bengali text that
// triggers the font's loading as empty boxes until something else redraws it.
void document.fonts?.load('400 1em "Noto Sans Bengali"', 'অ');
void document.fonts?.load('600 1em "Noto Sans Bengali"', 'অ');

// The first paint already speaks the chosen language, so texts are loaded before rendering.
void initI18n().then(() => {
  createRoot(rootElement).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
});
