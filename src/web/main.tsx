import "./zod-jitless.ts";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, preloadPage } from "./app.tsx";
import "./styles/base.css";
import "./styles/layout.css";
import "./styles/tables.css";
import "./styles/components.css";

// The first page's chunk loads while the interface language's file does.
preloadPage(window.location.pathname);
const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
