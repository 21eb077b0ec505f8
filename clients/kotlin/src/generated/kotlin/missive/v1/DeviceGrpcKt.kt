package missive.v1

import io.grpc.CallOptions
import io.grpc.CallOptions.DEFAULT
import io.grpc.Channel
import io.grpc.Metadata
import io.grpc.MethodDescriptor
import io.grpc.ServerServiceDefinition
import io.grpc.ServerServiceDefinition.builder
import io.grpc.ServiceDescriptor
import io.grpc.Status.UNIMPLEMENTED
import io.grpc.StatusException
import io.grpc.kotlin.AbstractCoroutineServerImpl
import io.grpc.kotlin.AbstractCoroutineStub
import io.grpc.kotlin.ClientCalls.unaryRpc
import io.grpc.kotlin.ServerCalls.unaryServerMethodDefinition
import io.grpc.kotlin.StubFor
import kotlin.String
import kotlin.coroutines.CoroutineContext
import kotlin.coroutines.EmptyCoroutineContext
import kotlin.jvm.JvmOverloads
import kotlin.jvm.JvmStatic
import missive.v1.DeviceServiceGrpc.getServiceDescriptor

/**
 * Holder for Kotlin coroutine-based client and server APIs for missive.v1.DeviceService.
 */
public object DeviceServiceGrpcKt {
  public const val SERVICE_NAME: String = DeviceServiceGrpc.SERVICE_NAME

  @JvmStatic
  public val serviceDescriptor: ServiceDescriptor
    get() = getServiceDescriptor()

  public val listDevicesMethod:
      MethodDescriptor<Device.ListDevicesRequest, Device.ListDevicesResponse>
    @JvmStatic
    get() = DeviceServiceGrpc.getListDevicesMethod()

  public val getDeviceMethod: MethodDescriptor<Device.GetDeviceRequest, Device.GetDeviceResponse>
    @JvmStatic
    get() = DeviceServiceGrpc.getGetDeviceMethod()

  public val removeDeviceMethod:
      MethodDescriptor<Device.RemoveDeviceRequest, Device.RemoveDeviceResponse>
    @JvmStatic
    get() = DeviceServiceGrpc.getRemoveDeviceMethod()

  /**
   * A stub for issuing RPCs to a(n) missive.v1.DeviceService service as suspending coroutines.
   */
  @StubFor(DeviceServiceGrpc::class)
  public class DeviceServiceCoroutineStub @JvmOverloads constructor(
    channel: Channel,
    callOptions: CallOptions = DEFAULT,
  ) : AbstractCoroutineStub<DeviceServiceCoroutineStub>(channel, callOptions) {
    override fun build(channel: Channel, callOptions: CallOptions): DeviceServiceCoroutineStub = DeviceServiceCoroutineStub(channel, callOptions)

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun listDevices(request: Device.ListDevicesRequest, headers: Metadata = Metadata()): Device.ListDevicesResponse = unaryRpc(
      channel,
      DeviceServiceGrpc.getListDevicesMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun getDevice(request: Device.GetDeviceRequest, headers: Metadata = Metadata()): Device.GetDeviceResponse = unaryRpc(
      channel,
      DeviceServiceGrpc.getGetDeviceMethod(),
      request,
      callOptions,
      headers
    )

    /**
     * Executes this RPC and returns the response message, suspending until the RPC completes
     * with [`Status.OK`][io.grpc.Status].  If the RPC completes with another status, a corresponding
     * [StatusException] is thrown.  If this coroutine is cancelled, the RPC is also cancelled
     * with the corresponding exception as a cause.
     *
     * @param request The request message to send to the server.
     *
     * @param headers Metadata to attach to the request.  Most users will not need this.
     *
     * @return The single response from the server.
     */
    public suspend fun removeDevice(request: Device.RemoveDeviceRequest, headers: Metadata = Metadata()): Device.RemoveDeviceResponse = unaryRpc(
      channel,
      DeviceServiceGrpc.getRemoveDeviceMethod(),
      request,
      callOptions,
      headers
    )
  }

  /**
   * Skeletal implementation of the missive.v1.DeviceService service based on Kotlin coroutines.
   */
  public abstract class DeviceServiceCoroutineImplBase(
    coroutineContext: CoroutineContext = EmptyCoroutineContext,
  ) : AbstractCoroutineServerImpl(coroutineContext) {
    /**
     * Returns the response to an RPC for missive.v1.DeviceService.ListDevices.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun listDevices(request: Device.ListDevicesRequest): Device.ListDevicesResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.DeviceService.ListDevices is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.DeviceService.GetDevice.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun getDevice(request: Device.GetDeviceRequest): Device.GetDeviceResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.DeviceService.GetDevice is unimplemented"))

    /**
     * Returns the response to an RPC for missive.v1.DeviceService.RemoveDevice.
     *
     * If this method fails with a [StatusException], the RPC will fail with the corresponding
     * [io.grpc.Status].  If this method fails with a [java.util.concurrent.CancellationException], the RPC will fail
     * with status `Status.CANCELLED`.  If this method fails for any other reason, the RPC will
     * fail with `Status.UNKNOWN` with the exception as a cause.
     *
     * @param request The request from the client.
     */
    public open suspend fun removeDevice(request: Device.RemoveDeviceRequest): Device.RemoveDeviceResponse = throw StatusException(UNIMPLEMENTED.withDescription("Method missive.v1.DeviceService.RemoveDevice is unimplemented"))

    final override fun bindService(): ServerServiceDefinition = builder(getServiceDescriptor())
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = DeviceServiceGrpc.getListDevicesMethod(),
      implementation = ::listDevices
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = DeviceServiceGrpc.getGetDeviceMethod(),
      implementation = ::getDevice
    ))
      .addMethod(unaryServerMethodDefinition(
      context = this.context,
      descriptor = DeviceServiceGrpc.getRemoveDeviceMethod(),
      implementation = ::removeDevice
    )).build()
  }
}
