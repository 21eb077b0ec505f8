import { defineConfig } from "vite";

export default defineConfig({
  build: {
    target: "es2022",
    rollupOptions: {
      // The SDK loads the HTTP/2 transport only when asked for "grpc";
      // browsers use gRPC-web and never load it.
      external: ["@connectrpc/connect-node"],
    },
  },
});
