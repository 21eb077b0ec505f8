package missive.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * Assets: files (pictures, voice notes, documents) that clients encrypt
 * before upload, so the server stores opaque bytes. The key and the
 * SHA-256 travel to the recipients inside an end-to-end encrypted message,
 * together with the asset's id and, for a private asset, its token.
 * Upload is by unary calls, so that gRPC-web (no client streaming) and
 * flaky links both work, and it resumes where it stopped:
 * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
 * client that lost track asks GetAsset for `uploaded` and goes on from
 * there. Download is a server stream from an offset (resume after a cut),
 * or ReadAsset for one range.
 * Who may read: the owner always; anyone else only a finished asset, and a
 * private one only with its token. Assets of other backends are read the
 * same way, through this backend (the owner's backend checks the token).
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class AssetServiceGrpc {

  private AssetServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "missive.v1.AssetService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.CreateAssetRequest,
      missive.v1.AssetOuterClass.CreateAssetResponse> getCreateAssetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "CreateAsset",
      requestType = missive.v1.AssetOuterClass.CreateAssetRequest.class,
      responseType = missive.v1.AssetOuterClass.CreateAssetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.CreateAssetRequest,
      missive.v1.AssetOuterClass.CreateAssetResponse> getCreateAssetMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.CreateAssetRequest, missive.v1.AssetOuterClass.CreateAssetResponse> getCreateAssetMethod;
    if ((getCreateAssetMethod = AssetServiceGrpc.getCreateAssetMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getCreateAssetMethod = AssetServiceGrpc.getCreateAssetMethod) == null) {
          AssetServiceGrpc.getCreateAssetMethod = getCreateAssetMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.CreateAssetRequest, missive.v1.AssetOuterClass.CreateAssetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "CreateAsset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.CreateAssetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.CreateAssetResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getCreateAssetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.AppendAssetChunkRequest,
      missive.v1.AssetOuterClass.AppendAssetChunkResponse> getAppendAssetChunkMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AppendAssetChunk",
      requestType = missive.v1.AssetOuterClass.AppendAssetChunkRequest.class,
      responseType = missive.v1.AssetOuterClass.AppendAssetChunkResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.AppendAssetChunkRequest,
      missive.v1.AssetOuterClass.AppendAssetChunkResponse> getAppendAssetChunkMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.AppendAssetChunkRequest, missive.v1.AssetOuterClass.AppendAssetChunkResponse> getAppendAssetChunkMethod;
    if ((getAppendAssetChunkMethod = AssetServiceGrpc.getAppendAssetChunkMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getAppendAssetChunkMethod = AssetServiceGrpc.getAppendAssetChunkMethod) == null) {
          AssetServiceGrpc.getAppendAssetChunkMethod = getAppendAssetChunkMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.AppendAssetChunkRequest, missive.v1.AssetOuterClass.AppendAssetChunkResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AppendAssetChunk"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.AppendAssetChunkRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.AppendAssetChunkResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getAppendAssetChunkMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.FinishAssetRequest,
      missive.v1.AssetOuterClass.FinishAssetResponse> getFinishAssetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "FinishAsset",
      requestType = missive.v1.AssetOuterClass.FinishAssetRequest.class,
      responseType = missive.v1.AssetOuterClass.FinishAssetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.FinishAssetRequest,
      missive.v1.AssetOuterClass.FinishAssetResponse> getFinishAssetMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.FinishAssetRequest, missive.v1.AssetOuterClass.FinishAssetResponse> getFinishAssetMethod;
    if ((getFinishAssetMethod = AssetServiceGrpc.getFinishAssetMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getFinishAssetMethod = AssetServiceGrpc.getFinishAssetMethod) == null) {
          AssetServiceGrpc.getFinishAssetMethod = getFinishAssetMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.FinishAssetRequest, missive.v1.AssetOuterClass.FinishAssetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "FinishAsset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.FinishAssetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.FinishAssetResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getFinishAssetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.GetAssetRequest,
      missive.v1.AssetOuterClass.GetAssetResponse> getGetAssetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetAsset",
      requestType = missive.v1.AssetOuterClass.GetAssetRequest.class,
      responseType = missive.v1.AssetOuterClass.GetAssetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.GetAssetRequest,
      missive.v1.AssetOuterClass.GetAssetResponse> getGetAssetMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.GetAssetRequest, missive.v1.AssetOuterClass.GetAssetResponse> getGetAssetMethod;
    if ((getGetAssetMethod = AssetServiceGrpc.getGetAssetMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getGetAssetMethod = AssetServiceGrpc.getGetAssetMethod) == null) {
          AssetServiceGrpc.getGetAssetMethod = getGetAssetMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.GetAssetRequest, missive.v1.AssetOuterClass.GetAssetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetAsset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.GetAssetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.GetAssetResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getGetAssetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.DownloadAssetRequest,
      missive.v1.AssetOuterClass.DownloadAssetResponse> getDownloadAssetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DownloadAsset",
      requestType = missive.v1.AssetOuterClass.DownloadAssetRequest.class,
      responseType = missive.v1.AssetOuterClass.DownloadAssetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.DownloadAssetRequest,
      missive.v1.AssetOuterClass.DownloadAssetResponse> getDownloadAssetMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.DownloadAssetRequest, missive.v1.AssetOuterClass.DownloadAssetResponse> getDownloadAssetMethod;
    if ((getDownloadAssetMethod = AssetServiceGrpc.getDownloadAssetMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getDownloadAssetMethod = AssetServiceGrpc.getDownloadAssetMethod) == null) {
          AssetServiceGrpc.getDownloadAssetMethod = getDownloadAssetMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.DownloadAssetRequest, missive.v1.AssetOuterClass.DownloadAssetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DownloadAsset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.DownloadAssetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.DownloadAssetResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getDownloadAssetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.ReadAssetRequest,
      missive.v1.AssetOuterClass.ReadAssetResponse> getReadAssetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ReadAsset",
      requestType = missive.v1.AssetOuterClass.ReadAssetRequest.class,
      responseType = missive.v1.AssetOuterClass.ReadAssetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.ReadAssetRequest,
      missive.v1.AssetOuterClass.ReadAssetResponse> getReadAssetMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.ReadAssetRequest, missive.v1.AssetOuterClass.ReadAssetResponse> getReadAssetMethod;
    if ((getReadAssetMethod = AssetServiceGrpc.getReadAssetMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getReadAssetMethod = AssetServiceGrpc.getReadAssetMethod) == null) {
          AssetServiceGrpc.getReadAssetMethod = getReadAssetMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.ReadAssetRequest, missive.v1.AssetOuterClass.ReadAssetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ReadAsset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.ReadAssetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.ReadAssetResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getReadAssetMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.RotateAssetTokenRequest,
      missive.v1.AssetOuterClass.RotateAssetTokenResponse> getRotateAssetTokenMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RotateAssetToken",
      requestType = missive.v1.AssetOuterClass.RotateAssetTokenRequest.class,
      responseType = missive.v1.AssetOuterClass.RotateAssetTokenResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.RotateAssetTokenRequest,
      missive.v1.AssetOuterClass.RotateAssetTokenResponse> getRotateAssetTokenMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.RotateAssetTokenRequest, missive.v1.AssetOuterClass.RotateAssetTokenResponse> getRotateAssetTokenMethod;
    if ((getRotateAssetTokenMethod = AssetServiceGrpc.getRotateAssetTokenMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getRotateAssetTokenMethod = AssetServiceGrpc.getRotateAssetTokenMethod) == null) {
          AssetServiceGrpc.getRotateAssetTokenMethod = getRotateAssetTokenMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.RotateAssetTokenRequest, missive.v1.AssetOuterClass.RotateAssetTokenResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RotateAssetToken"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.RotateAssetTokenRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.RotateAssetTokenResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRotateAssetTokenMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.RevokeAssetTokenRequest,
      missive.v1.AssetOuterClass.RevokeAssetTokenResponse> getRevokeAssetTokenMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RevokeAssetToken",
      requestType = missive.v1.AssetOuterClass.RevokeAssetTokenRequest.class,
      responseType = missive.v1.AssetOuterClass.RevokeAssetTokenResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.RevokeAssetTokenRequest,
      missive.v1.AssetOuterClass.RevokeAssetTokenResponse> getRevokeAssetTokenMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.RevokeAssetTokenRequest, missive.v1.AssetOuterClass.RevokeAssetTokenResponse> getRevokeAssetTokenMethod;
    if ((getRevokeAssetTokenMethod = AssetServiceGrpc.getRevokeAssetTokenMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getRevokeAssetTokenMethod = AssetServiceGrpc.getRevokeAssetTokenMethod) == null) {
          AssetServiceGrpc.getRevokeAssetTokenMethod = getRevokeAssetTokenMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.RevokeAssetTokenRequest, missive.v1.AssetOuterClass.RevokeAssetTokenResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RevokeAssetToken"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.RevokeAssetTokenRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.RevokeAssetTokenResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getRevokeAssetTokenMethod;
  }

  private static volatile io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.DeleteAssetRequest,
      missive.v1.AssetOuterClass.DeleteAssetResponse> getDeleteAssetMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteAsset",
      requestType = missive.v1.AssetOuterClass.DeleteAssetRequest.class,
      responseType = missive.v1.AssetOuterClass.DeleteAssetResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.DeleteAssetRequest,
      missive.v1.AssetOuterClass.DeleteAssetResponse> getDeleteAssetMethod() {
    io.grpc.MethodDescriptor<missive.v1.AssetOuterClass.DeleteAssetRequest, missive.v1.AssetOuterClass.DeleteAssetResponse> getDeleteAssetMethod;
    if ((getDeleteAssetMethod = AssetServiceGrpc.getDeleteAssetMethod) == null) {
      synchronized (AssetServiceGrpc.class) {
        if ((getDeleteAssetMethod = AssetServiceGrpc.getDeleteAssetMethod) == null) {
          AssetServiceGrpc.getDeleteAssetMethod = getDeleteAssetMethod =
              io.grpc.MethodDescriptor.<missive.v1.AssetOuterClass.DeleteAssetRequest, missive.v1.AssetOuterClass.DeleteAssetResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteAsset"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.DeleteAssetRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.lite.ProtoLiteUtils.marshaller(
                  missive.v1.AssetOuterClass.DeleteAssetResponse.getDefaultInstance()))
              .build();
        }
      }
    }
    return getDeleteAssetMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static AssetServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AssetServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AssetServiceStub>() {
        @java.lang.Override
        public AssetServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AssetServiceStub(channel, callOptions);
        }
      };
    return AssetServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static AssetServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AssetServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AssetServiceBlockingV2Stub>() {
        @java.lang.Override
        public AssetServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AssetServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return AssetServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static AssetServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AssetServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AssetServiceBlockingStub>() {
        @java.lang.Override
        public AssetServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AssetServiceBlockingStub(channel, callOptions);
        }
      };
    return AssetServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static AssetServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<AssetServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<AssetServiceFutureStub>() {
        @java.lang.Override
        public AssetServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new AssetServiceFutureStub(channel, callOptions);
        }
      };
    return AssetServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * Assets: files (pictures, voice notes, documents) that clients encrypt
   * before upload, so the server stores opaque bytes. The key and the
   * SHA-256 travel to the recipients inside an end-to-end encrypted message,
   * together with the asset's id and, for a private asset, its token.
   * Upload is by unary calls, so that gRPC-web (no client streaming) and
   * flaky links both work, and it resumes where it stopped:
   * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
   * client that lost track asks GetAsset for `uploaded` and goes on from
   * there. Download is a server stream from an offset (resume after a cut),
   * or ReadAsset for one range.
   * Who may read: the owner always; anyone else only a finished asset, and a
   * private one only with its token. Assets of other backends are read the
   * same way, through this backend (the owner's backend checks the token).
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * Starts an upload; nothing is readable until FinishAsset.
     * </pre>
     */
    default void createAsset(missive.v1.AssetOuterClass.CreateAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.CreateAssetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCreateAssetMethod(), responseObserver);
    }

    /**
     * <pre>
     * Appends bytes at `offset`. Only the next offset writes; a chunk at an
     * offset already written is accepted once (a retry whose answer was
     * lost) and any other offset writes nothing: the answer always carries
     * the offset to send next.
     * </pre>
     */
    default void appendAssetChunk(missive.v1.AssetOuterClass.AppendAssetChunkRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.AppendAssetChunkResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAppendAssetChunkMethod(), responseObserver);
    }

    /**
     * <pre>
     * Checks the size and SHA-256 of what was uploaded and makes the asset
     * readable. Bytes that do not match discard the upload. Finishing twice
     * answers the same asset.
     * </pre>
     */
    default void finishAsset(missive.v1.AssetOuterClass.FinishAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.FinishAssetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getFinishAssetMethod(), responseObserver);
    }

    /**
     * <pre>
     * The asset's metadata; its owner also sees unfinished uploads.
     * </pre>
     */
    default void getAsset(missive.v1.AssetOuterClass.GetAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.GetAssetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetAssetMethod(), responseObserver);
    }

    /**
     * <pre>
     * The bytes from `offset` to the end, in chunks of at most 256 KiB.
     * </pre>
     */
    default void downloadAsset(missive.v1.AssetOuterClass.DownloadAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.DownloadAssetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDownloadAssetMethod(), responseObserver);
    }

    /**
     * <pre>
     * At most 1 MiB from `offset`, for clients without streams.
     * </pre>
     */
    default void readAsset(missive.v1.AssetOuterClass.ReadAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.ReadAssetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getReadAssetMethod(), responseObserver);
    }

    /**
     * <pre>
     * Owner only: a new token for a private asset; the old one stops working.
     * </pre>
     */
    default void rotateAssetToken(missive.v1.AssetOuterClass.RotateAssetTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.RotateAssetTokenResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRotateAssetTokenMethod(), responseObserver);
    }

    /**
     * <pre>
     * Owner only: no token works any more; only the owner reads the asset.
     * </pre>
     */
    default void revokeAssetToken(missive.v1.AssetOuterClass.RevokeAssetTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.RevokeAssetTokenResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRevokeAssetTokenMethod(), responseObserver);
    }

    /**
     * <pre>
     * Owner only: the asset and its bytes are gone.
     * </pre>
     */
    default void deleteAsset(missive.v1.AssetOuterClass.DeleteAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.DeleteAssetResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteAssetMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service AssetService.
   * <pre>
   * Assets: files (pictures, voice notes, documents) that clients encrypt
   * before upload, so the server stores opaque bytes. The key and the
   * SHA-256 travel to the recipients inside an end-to-end encrypted message,
   * together with the asset's id and, for a private asset, its token.
   * Upload is by unary calls, so that gRPC-web (no client streaming) and
   * flaky links both work, and it resumes where it stopped:
   * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
   * client that lost track asks GetAsset for `uploaded` and goes on from
   * there. Download is a server stream from an offset (resume after a cut),
   * or ReadAsset for one range.
   * Who may read: the owner always; anyone else only a finished asset, and a
   * private one only with its token. Assets of other backends are read the
   * same way, through this backend (the owner's backend checks the token).
   * </pre>
   */
  public static abstract class AssetServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return AssetServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service AssetService.
   * <pre>
   * Assets: files (pictures, voice notes, documents) that clients encrypt
   * before upload, so the server stores opaque bytes. The key and the
   * SHA-256 travel to the recipients inside an end-to-end encrypted message,
   * together with the asset's id and, for a private asset, its token.
   * Upload is by unary calls, so that gRPC-web (no client streaming) and
   * flaky links both work, and it resumes where it stopped:
   * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
   * client that lost track asks GetAsset for `uploaded` and goes on from
   * there. Download is a server stream from an offset (resume after a cut),
   * or ReadAsset for one range.
   * Who may read: the owner always; anyone else only a finished asset, and a
   * private one only with its token. Assets of other backends are read the
   * same way, through this backend (the owner's backend checks the token).
   * </pre>
   */
  public static final class AssetServiceStub
      extends io.grpc.stub.AbstractAsyncStub<AssetServiceStub> {
    private AssetServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AssetServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AssetServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an upload; nothing is readable until FinishAsset.
     * </pre>
     */
    public void createAsset(missive.v1.AssetOuterClass.CreateAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.CreateAssetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCreateAssetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Appends bytes at `offset`. Only the next offset writes; a chunk at an
     * offset already written is accepted once (a retry whose answer was
     * lost) and any other offset writes nothing: the answer always carries
     * the offset to send next.
     * </pre>
     */
    public void appendAssetChunk(missive.v1.AssetOuterClass.AppendAssetChunkRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.AppendAssetChunkResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAppendAssetChunkMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Checks the size and SHA-256 of what was uploaded and makes the asset
     * readable. Bytes that do not match discard the upload. Finishing twice
     * answers the same asset.
     * </pre>
     */
    public void finishAsset(missive.v1.AssetOuterClass.FinishAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.FinishAssetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getFinishAssetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The asset's metadata; its owner also sees unfinished uploads.
     * </pre>
     */
    public void getAsset(missive.v1.AssetOuterClass.GetAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.GetAssetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetAssetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * The bytes from `offset` to the end, in chunks of at most 256 KiB.
     * </pre>
     */
    public void downloadAsset(missive.v1.AssetOuterClass.DownloadAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.DownloadAssetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getDownloadAssetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * At most 1 MiB from `offset`, for clients without streams.
     * </pre>
     */
    public void readAsset(missive.v1.AssetOuterClass.ReadAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.ReadAssetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getReadAssetMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Owner only: a new token for a private asset; the old one stops working.
     * </pre>
     */
    public void rotateAssetToken(missive.v1.AssetOuterClass.RotateAssetTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.RotateAssetTokenResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRotateAssetTokenMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Owner only: no token works any more; only the owner reads the asset.
     * </pre>
     */
    public void revokeAssetToken(missive.v1.AssetOuterClass.RevokeAssetTokenRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.RevokeAssetTokenResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRevokeAssetTokenMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Owner only: the asset and its bytes are gone.
     * </pre>
     */
    public void deleteAsset(missive.v1.AssetOuterClass.DeleteAssetRequest request,
        io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.DeleteAssetResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteAssetMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service AssetService.
   * <pre>
   * Assets: files (pictures, voice notes, documents) that clients encrypt
   * before upload, so the server stores opaque bytes. The key and the
   * SHA-256 travel to the recipients inside an end-to-end encrypted message,
   * together with the asset's id and, for a private asset, its token.
   * Upload is by unary calls, so that gRPC-web (no client streaming) and
   * flaky links both work, and it resumes where it stopped:
   * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
   * client that lost track asks GetAsset for `uploaded` and goes on from
   * there. Download is a server stream from an offset (resume after a cut),
   * or ReadAsset for one range.
   * Who may read: the owner always; anyone else only a finished asset, and a
   * private one only with its token. Assets of other backends are read the
   * same way, through this backend (the owner's backend checks the token).
   * </pre>
   */
  public static final class AssetServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<AssetServiceBlockingV2Stub> {
    private AssetServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AssetServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AssetServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an upload; nothing is readable until FinishAsset.
     * </pre>
     */
    public missive.v1.AssetOuterClass.CreateAssetResponse createAsset(missive.v1.AssetOuterClass.CreateAssetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCreateAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Appends bytes at `offset`. Only the next offset writes; a chunk at an
     * offset already written is accepted once (a retry whose answer was
     * lost) and any other offset writes nothing: the answer always carries
     * the offset to send next.
     * </pre>
     */
    public missive.v1.AssetOuterClass.AppendAssetChunkResponse appendAssetChunk(missive.v1.AssetOuterClass.AppendAssetChunkRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAppendAssetChunkMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks the size and SHA-256 of what was uploaded and makes the asset
     * readable. Bytes that do not match discard the upload. Finishing twice
     * answers the same asset.
     * </pre>
     */
    public missive.v1.AssetOuterClass.FinishAssetResponse finishAsset(missive.v1.AssetOuterClass.FinishAssetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getFinishAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The asset's metadata; its owner also sees unfinished uploads.
     * </pre>
     */
    public missive.v1.AssetOuterClass.GetAssetResponse getAsset(missive.v1.AssetOuterClass.GetAssetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The bytes from `offset` to the end, in chunks of at most 256 KiB.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, missive.v1.AssetOuterClass.DownloadAssetResponse>
        downloadAsset(missive.v1.AssetOuterClass.DownloadAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getDownloadAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * At most 1 MiB from `offset`, for clients without streams.
     * </pre>
     */
    public missive.v1.AssetOuterClass.ReadAssetResponse readAsset(missive.v1.AssetOuterClass.ReadAssetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getReadAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Owner only: a new token for a private asset; the old one stops working.
     * </pre>
     */
    public missive.v1.AssetOuterClass.RotateAssetTokenResponse rotateAssetToken(missive.v1.AssetOuterClass.RotateAssetTokenRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRotateAssetTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Owner only: no token works any more; only the owner reads the asset.
     * </pre>
     */
    public missive.v1.AssetOuterClass.RevokeAssetTokenResponse revokeAssetToken(missive.v1.AssetOuterClass.RevokeAssetTokenRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRevokeAssetTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Owner only: the asset and its bytes are gone.
     * </pre>
     */
    public missive.v1.AssetOuterClass.DeleteAssetResponse deleteAsset(missive.v1.AssetOuterClass.DeleteAssetRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteAssetMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service AssetService.
   * <pre>
   * Assets: files (pictures, voice notes, documents) that clients encrypt
   * before upload, so the server stores opaque bytes. The key and the
   * SHA-256 travel to the recipients inside an end-to-end encrypted message,
   * together with the asset's id and, for a private asset, its token.
   * Upload is by unary calls, so that gRPC-web (no client streaming) and
   * flaky links both work, and it resumes where it stopped:
   * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
   * client that lost track asks GetAsset for `uploaded` and goes on from
   * there. Download is a server stream from an offset (resume after a cut),
   * or ReadAsset for one range.
   * Who may read: the owner always; anyone else only a finished asset, and a
   * private one only with its token. Assets of other backends are read the
   * same way, through this backend (the owner's backend checks the token).
   * </pre>
   */
  public static final class AssetServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<AssetServiceBlockingStub> {
    private AssetServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AssetServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AssetServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an upload; nothing is readable until FinishAsset.
     * </pre>
     */
    public missive.v1.AssetOuterClass.CreateAssetResponse createAsset(missive.v1.AssetOuterClass.CreateAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCreateAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Appends bytes at `offset`. Only the next offset writes; a chunk at an
     * offset already written is accepted once (a retry whose answer was
     * lost) and any other offset writes nothing: the answer always carries
     * the offset to send next.
     * </pre>
     */
    public missive.v1.AssetOuterClass.AppendAssetChunkResponse appendAssetChunk(missive.v1.AssetOuterClass.AppendAssetChunkRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAppendAssetChunkMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Checks the size and SHA-256 of what was uploaded and makes the asset
     * readable. Bytes that do not match discard the upload. Finishing twice
     * answers the same asset.
     * </pre>
     */
    public missive.v1.AssetOuterClass.FinishAssetResponse finishAsset(missive.v1.AssetOuterClass.FinishAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getFinishAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The asset's metadata; its owner also sees unfinished uploads.
     * </pre>
     */
    public missive.v1.AssetOuterClass.GetAssetResponse getAsset(missive.v1.AssetOuterClass.GetAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * The bytes from `offset` to the end, in chunks of at most 256 KiB.
     * </pre>
     */
    public java.util.Iterator<missive.v1.AssetOuterClass.DownloadAssetResponse> downloadAsset(
        missive.v1.AssetOuterClass.DownloadAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getDownloadAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * At most 1 MiB from `offset`, for clients without streams.
     * </pre>
     */
    public missive.v1.AssetOuterClass.ReadAssetResponse readAsset(missive.v1.AssetOuterClass.ReadAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getReadAssetMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Owner only: a new token for a private asset; the old one stops working.
     * </pre>
     */
    public missive.v1.AssetOuterClass.RotateAssetTokenResponse rotateAssetToken(missive.v1.AssetOuterClass.RotateAssetTokenRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRotateAssetTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Owner only: no token works any more; only the owner reads the asset.
     * </pre>
     */
    public missive.v1.AssetOuterClass.RevokeAssetTokenResponse revokeAssetToken(missive.v1.AssetOuterClass.RevokeAssetTokenRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRevokeAssetTokenMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Owner only: the asset and its bytes are gone.
     * </pre>
     */
    public missive.v1.AssetOuterClass.DeleteAssetResponse deleteAsset(missive.v1.AssetOuterClass.DeleteAssetRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteAssetMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service AssetService.
   * <pre>
   * Assets: files (pictures, voice notes, documents) that clients encrypt
   * before upload, so the server stores opaque bytes. The key and the
   * SHA-256 travel to the recipients inside an end-to-end encrypted message,
   * together with the asset's id and, for a private asset, its token.
   * Upload is by unary calls, so that gRPC-web (no client streaming) and
   * flaky links both work, and it resumes where it stopped:
   * CreateAsset → AppendAssetChunk at increasing offsets → FinishAsset. A
   * client that lost track asks GetAsset for `uploaded` and goes on from
   * there. Download is a server stream from an offset (resume after a cut),
   * or ReadAsset for one range.
   * Who may read: the owner always; anyone else only a finished asset, and a
   * private one only with its token. Assets of other backends are read the
   * same way, through this backend (the owner's backend checks the token).
   * </pre>
   */
  public static final class AssetServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<AssetServiceFutureStub> {
    private AssetServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected AssetServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new AssetServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * Starts an upload; nothing is readable until FinishAsset.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.CreateAssetResponse> createAsset(
        missive.v1.AssetOuterClass.CreateAssetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCreateAssetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Appends bytes at `offset`. Only the next offset writes; a chunk at an
     * offset already written is accepted once (a retry whose answer was
     * lost) and any other offset writes nothing: the answer always carries
     * the offset to send next.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.AppendAssetChunkResponse> appendAssetChunk(
        missive.v1.AssetOuterClass.AppendAssetChunkRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAppendAssetChunkMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Checks the size and SHA-256 of what was uploaded and makes the asset
     * readable. Bytes that do not match discard the upload. Finishing twice
     * answers the same asset.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.FinishAssetResponse> finishAsset(
        missive.v1.AssetOuterClass.FinishAssetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getFinishAssetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * The asset's metadata; its owner also sees unfinished uploads.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.GetAssetResponse> getAsset(
        missive.v1.AssetOuterClass.GetAssetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetAssetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * At most 1 MiB from `offset`, for clients without streams.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.ReadAssetResponse> readAsset(
        missive.v1.AssetOuterClass.ReadAssetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getReadAssetMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Owner only: a new token for a private asset; the old one stops working.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.RotateAssetTokenResponse> rotateAssetToken(
        missive.v1.AssetOuterClass.RotateAssetTokenRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRotateAssetTokenMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Owner only: no token works any more; only the owner reads the asset.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.RevokeAssetTokenResponse> revokeAssetToken(
        missive.v1.AssetOuterClass.RevokeAssetTokenRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRevokeAssetTokenMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Owner only: the asset and its bytes are gone.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<missive.v1.AssetOuterClass.DeleteAssetResponse> deleteAsset(
        missive.v1.AssetOuterClass.DeleteAssetRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteAssetMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_CREATE_ASSET = 0;
  private static final int METHODID_APPEND_ASSET_CHUNK = 1;
  private static final int METHODID_FINISH_ASSET = 2;
  private static final int METHODID_GET_ASSET = 3;
  private static final int METHODID_DOWNLOAD_ASSET = 4;
  private static final int METHODID_READ_ASSET = 5;
  private static final int METHODID_ROTATE_ASSET_TOKEN = 6;
  private static final int METHODID_REVOKE_ASSET_TOKEN = 7;
  private static final int METHODID_DELETE_ASSET = 8;

  private static final class MethodHandlers<Req, Resp> implements
      io.grpc.stub.ServerCalls.UnaryMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ServerStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.ClientStreamingMethod<Req, Resp>,
      io.grpc.stub.ServerCalls.BidiStreamingMethod<Req, Resp> {
    private final AsyncService serviceImpl;
    private final int methodId;

    MethodHandlers(AsyncService serviceImpl, int methodId) {
      this.serviceImpl = serviceImpl;
      this.methodId = methodId;
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public void invoke(Req request, io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        case METHODID_CREATE_ASSET:
          serviceImpl.createAsset((missive.v1.AssetOuterClass.CreateAssetRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.CreateAssetResponse>) responseObserver);
          break;
        case METHODID_APPEND_ASSET_CHUNK:
          serviceImpl.appendAssetChunk((missive.v1.AssetOuterClass.AppendAssetChunkRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.AppendAssetChunkResponse>) responseObserver);
          break;
        case METHODID_FINISH_ASSET:
          serviceImpl.finishAsset((missive.v1.AssetOuterClass.FinishAssetRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.FinishAssetResponse>) responseObserver);
          break;
        case METHODID_GET_ASSET:
          serviceImpl.getAsset((missive.v1.AssetOuterClass.GetAssetRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.GetAssetResponse>) responseObserver);
          break;
        case METHODID_DOWNLOAD_ASSET:
          serviceImpl.downloadAsset((missive.v1.AssetOuterClass.DownloadAssetRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.DownloadAssetResponse>) responseObserver);
          break;
        case METHODID_READ_ASSET:
          serviceImpl.readAsset((missive.v1.AssetOuterClass.ReadAssetRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.ReadAssetResponse>) responseObserver);
          break;
        case METHODID_ROTATE_ASSET_TOKEN:
          serviceImpl.rotateAssetToken((missive.v1.AssetOuterClass.RotateAssetTokenRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.RotateAssetTokenResponse>) responseObserver);
          break;
        case METHODID_REVOKE_ASSET_TOKEN:
          serviceImpl.revokeAssetToken((missive.v1.AssetOuterClass.RevokeAssetTokenRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.RevokeAssetTokenResponse>) responseObserver);
          break;
        case METHODID_DELETE_ASSET:
          serviceImpl.deleteAsset((missive.v1.AssetOuterClass.DeleteAssetRequest) request,
              (io.grpc.stub.StreamObserver<missive.v1.AssetOuterClass.DeleteAssetResponse>) responseObserver);
          break;
        default:
          throw new AssertionError();
      }
    }

    @java.lang.Override
    @java.lang.SuppressWarnings("unchecked")
    public io.grpc.stub.StreamObserver<Req> invoke(
        io.grpc.stub.StreamObserver<Resp> responseObserver) {
      switch (methodId) {
        default:
          throw new AssertionError();
      }
    }
  }

  public static final io.grpc.ServerServiceDefinition bindService(AsyncService service) {
    return io.grpc.ServerServiceDefinition.builder(getServiceDescriptor())
        .addMethod(
          getCreateAssetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.CreateAssetRequest,
              missive.v1.AssetOuterClass.CreateAssetResponse>(
                service, METHODID_CREATE_ASSET)))
        .addMethod(
          getAppendAssetChunkMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.AppendAssetChunkRequest,
              missive.v1.AssetOuterClass.AppendAssetChunkResponse>(
                service, METHODID_APPEND_ASSET_CHUNK)))
        .addMethod(
          getFinishAssetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.FinishAssetRequest,
              missive.v1.AssetOuterClass.FinishAssetResponse>(
                service, METHODID_FINISH_ASSET)))
        .addMethod(
          getGetAssetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.GetAssetRequest,
              missive.v1.AssetOuterClass.GetAssetResponse>(
                service, METHODID_GET_ASSET)))
        .addMethod(
          getDownloadAssetMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.DownloadAssetRequest,
              missive.v1.AssetOuterClass.DownloadAssetResponse>(
                service, METHODID_DOWNLOAD_ASSET)))
        .addMethod(
          getReadAssetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.ReadAssetRequest,
              missive.v1.AssetOuterClass.ReadAssetResponse>(
                service, METHODID_READ_ASSET)))
        .addMethod(
          getRotateAssetTokenMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.RotateAssetTokenRequest,
              missive.v1.AssetOuterClass.RotateAssetTokenResponse>(
                service, METHODID_ROTATE_ASSET_TOKEN)))
        .addMethod(
          getRevokeAssetTokenMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.RevokeAssetTokenRequest,
              missive.v1.AssetOuterClass.RevokeAssetTokenResponse>(
                service, METHODID_REVOKE_ASSET_TOKEN)))
        .addMethod(
          getDeleteAssetMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              missive.v1.AssetOuterClass.DeleteAssetRequest,
              missive.v1.AssetOuterClass.DeleteAssetResponse>(
                service, METHODID_DELETE_ASSET)))
        .build();
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (AssetServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .addMethod(getCreateAssetMethod())
              .addMethod(getAppendAssetChunkMethod())
              .addMethod(getFinishAssetMethod())
              .addMethod(getGetAssetMethod())
              .addMethod(getDownloadAssetMethod())
              .addMethod(getReadAssetMethod())
              .addMethod(getRotateAssetTokenMethod())
              .addMethod(getRevokeAssetTokenMethod())
              .addMethod(getDeleteAssetMethod())
              .build();
        }
      }
    }
    return result;
  }
}
