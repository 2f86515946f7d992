/** What the server answered to an upload: its status and JSON body. */
export interface UploadResult {
  status: number;
  body: unknown;
}

/**
 * Sends one file (and optional text fields) as multipart/form-data with the CSRF header,
 * reporting the upload's progress (0..100), which fetch() cannot do. Network failures reject.
 */
export function uploadFile(
  url: string,
  file: File,
  csrfToken: string,
  onProgress: (percent: number) => void,
  fields: Record<string, string> = {},
): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append("file", file, file.name);
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("accept", "application/json");
    request.setRequestHeader("x-csrf-token", csrfToken);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      resolve({ status: request.status, body });
    };
    request.onerror = () => reject(new Error("The Childmark server could not be reached."));
    request.send(form);
  });
}

/** The server's refusal as one sentence: its error and details. */
export function refusalOf(result: UploadResult): string {
  const body = result.body as { error?: string; details?: string[] } | null;
  return [body?.error, ...(body?.details ?? [])].filter(Boolean).join(": ") || `HTTP ${result.status}`;
}
