package dev.sparkmemory.spark.v1;

import static io.grpc.MethodDescriptor.generateFullMethodName;

/**
 * <pre>
 * SparkService is the event log and memory store.
 * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
 * cannot accept, and changes nothing in the store when it does so. With
 * authentication configured, every RPC may also answer UNAUTHENTICATED or
 * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
 * written (for example a read-only or full disk) and the call may be retried.
 * </pre>
 */
@io.grpc.stub.annotations.GrpcGenerated
public final class SparkServiceGrpc {

  private SparkServiceGrpc() {}

  public static final java.lang.String SERVICE_NAME = "spark.v1.SparkService";

  // Static method descriptors that strictly reflect the proto.
  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.RecordEventRequest,
      dev.sparkmemory.spark.v1.RecordEventResponse> getRecordEventMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RecordEvent",
      requestType = dev.sparkmemory.spark.v1.RecordEventRequest.class,
      responseType = dev.sparkmemory.spark.v1.RecordEventResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.RecordEventRequest,
      dev.sparkmemory.spark.v1.RecordEventResponse> getRecordEventMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.RecordEventRequest, dev.sparkmemory.spark.v1.RecordEventResponse> getRecordEventMethod;
    if ((getRecordEventMethod = SparkServiceGrpc.getRecordEventMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getRecordEventMethod = SparkServiceGrpc.getRecordEventMethod) == null) {
          SparkServiceGrpc.getRecordEventMethod = getRecordEventMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.RecordEventRequest, dev.sparkmemory.spark.v1.RecordEventResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RecordEvent"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.RecordEventRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.RecordEventResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("RecordEvent"))
              .build();
        }
      }
    }
    return getRecordEventMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.RecordEventsRequest,
      dev.sparkmemory.spark.v1.RecordEventsResponse> getRecordEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "RecordEvents",
      requestType = dev.sparkmemory.spark.v1.RecordEventsRequest.class,
      responseType = dev.sparkmemory.spark.v1.RecordEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.RecordEventsRequest,
      dev.sparkmemory.spark.v1.RecordEventsResponse> getRecordEventsMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.RecordEventsRequest, dev.sparkmemory.spark.v1.RecordEventsResponse> getRecordEventsMethod;
    if ((getRecordEventsMethod = SparkServiceGrpc.getRecordEventsMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getRecordEventsMethod = SparkServiceGrpc.getRecordEventsMethod) == null) {
          SparkServiceGrpc.getRecordEventsMethod = getRecordEventsMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.RecordEventsRequest, dev.sparkmemory.spark.v1.RecordEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "RecordEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.RecordEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.RecordEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("RecordEvents"))
              .build();
        }
      }
    }
    return getRecordEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListEventsRequest,
      dev.sparkmemory.spark.v1.ListEventsResponse> getListEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListEvents",
      requestType = dev.sparkmemory.spark.v1.ListEventsRequest.class,
      responseType = dev.sparkmemory.spark.v1.ListEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListEventsRequest,
      dev.sparkmemory.spark.v1.ListEventsResponse> getListEventsMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListEventsRequest, dev.sparkmemory.spark.v1.ListEventsResponse> getListEventsMethod;
    if ((getListEventsMethod = SparkServiceGrpc.getListEventsMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getListEventsMethod = SparkServiceGrpc.getListEventsMethod) == null) {
          SparkServiceGrpc.getListEventsMethod = getListEventsMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.ListEventsRequest, dev.sparkmemory.spark.v1.ListEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("ListEvents"))
              .build();
        }
      }
    }
    return getListEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.AckEventsRequest,
      dev.sparkmemory.spark.v1.AckEventsResponse> getAckEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "AckEvents",
      requestType = dev.sparkmemory.spark.v1.AckEventsRequest.class,
      responseType = dev.sparkmemory.spark.v1.AckEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.AckEventsRequest,
      dev.sparkmemory.spark.v1.AckEventsResponse> getAckEventsMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.AckEventsRequest, dev.sparkmemory.spark.v1.AckEventsResponse> getAckEventsMethod;
    if ((getAckEventsMethod = SparkServiceGrpc.getAckEventsMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getAckEventsMethod = SparkServiceGrpc.getAckEventsMethod) == null) {
          SparkServiceGrpc.getAckEventsMethod = getAckEventsMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.AckEventsRequest, dev.sparkmemory.spark.v1.AckEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "AckEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.AckEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.AckEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("AckEvents"))
              .build();
        }
      }
    }
    return getAckEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.GetConsumerRequest,
      dev.sparkmemory.spark.v1.Consumer> getGetConsumerMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "GetConsumer",
      requestType = dev.sparkmemory.spark.v1.GetConsumerRequest.class,
      responseType = dev.sparkmemory.spark.v1.Consumer.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.GetConsumerRequest,
      dev.sparkmemory.spark.v1.Consumer> getGetConsumerMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.GetConsumerRequest, dev.sparkmemory.spark.v1.Consumer> getGetConsumerMethod;
    if ((getGetConsumerMethod = SparkServiceGrpc.getGetConsumerMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getGetConsumerMethod = SparkServiceGrpc.getGetConsumerMethod) == null) {
          SparkServiceGrpc.getGetConsumerMethod = getGetConsumerMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.GetConsumerRequest, dev.sparkmemory.spark.v1.Consumer>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "GetConsumer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.GetConsumerRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.Consumer.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("GetConsumer"))
              .build();
        }
      }
    }
    return getGetConsumerMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListConsumersRequest,
      dev.sparkmemory.spark.v1.ListConsumersResponse> getListConsumersMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListConsumers",
      requestType = dev.sparkmemory.spark.v1.ListConsumersRequest.class,
      responseType = dev.sparkmemory.spark.v1.ListConsumersResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListConsumersRequest,
      dev.sparkmemory.spark.v1.ListConsumersResponse> getListConsumersMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListConsumersRequest, dev.sparkmemory.spark.v1.ListConsumersResponse> getListConsumersMethod;
    if ((getListConsumersMethod = SparkServiceGrpc.getListConsumersMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getListConsumersMethod = SparkServiceGrpc.getListConsumersMethod) == null) {
          SparkServiceGrpc.getListConsumersMethod = getListConsumersMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.ListConsumersRequest, dev.sparkmemory.spark.v1.ListConsumersResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListConsumers"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListConsumersRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListConsumersResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("ListConsumers"))
              .build();
        }
      }
    }
    return getListConsumersMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.DeleteConsumerRequest,
      dev.sparkmemory.spark.v1.DeleteConsumerResponse> getDeleteConsumerMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteConsumer",
      requestType = dev.sparkmemory.spark.v1.DeleteConsumerRequest.class,
      responseType = dev.sparkmemory.spark.v1.DeleteConsumerResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.DeleteConsumerRequest,
      dev.sparkmemory.spark.v1.DeleteConsumerResponse> getDeleteConsumerMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.DeleteConsumerRequest, dev.sparkmemory.spark.v1.DeleteConsumerResponse> getDeleteConsumerMethod;
    if ((getDeleteConsumerMethod = SparkServiceGrpc.getDeleteConsumerMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getDeleteConsumerMethod = SparkServiceGrpc.getDeleteConsumerMethod) == null) {
          SparkServiceGrpc.getDeleteConsumerMethod = getDeleteConsumerMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.DeleteConsumerRequest, dev.sparkmemory.spark.v1.DeleteConsumerResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteConsumer"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.DeleteConsumerRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.DeleteConsumerResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("DeleteConsumer"))
              .build();
        }
      }
    }
    return getDeleteConsumerMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.StoreMemoryRequest,
      dev.sparkmemory.spark.v1.StoreMemoryResponse> getStoreMemoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "StoreMemory",
      requestType = dev.sparkmemory.spark.v1.StoreMemoryRequest.class,
      responseType = dev.sparkmemory.spark.v1.StoreMemoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.StoreMemoryRequest,
      dev.sparkmemory.spark.v1.StoreMemoryResponse> getStoreMemoryMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.StoreMemoryRequest, dev.sparkmemory.spark.v1.StoreMemoryResponse> getStoreMemoryMethod;
    if ((getStoreMemoryMethod = SparkServiceGrpc.getStoreMemoryMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getStoreMemoryMethod = SparkServiceGrpc.getStoreMemoryMethod) == null) {
          SparkServiceGrpc.getStoreMemoryMethod = getStoreMemoryMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.StoreMemoryRequest, dev.sparkmemory.spark.v1.StoreMemoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "StoreMemory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.StoreMemoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.StoreMemoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("StoreMemory"))
              .build();
        }
      }
    }
    return getStoreMemoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListMemoriesRequest,
      dev.sparkmemory.spark.v1.ListMemoriesResponse> getListMemoriesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListMemories",
      requestType = dev.sparkmemory.spark.v1.ListMemoriesRequest.class,
      responseType = dev.sparkmemory.spark.v1.ListMemoriesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListMemoriesRequest,
      dev.sparkmemory.spark.v1.ListMemoriesResponse> getListMemoriesMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListMemoriesRequest, dev.sparkmemory.spark.v1.ListMemoriesResponse> getListMemoriesMethod;
    if ((getListMemoriesMethod = SparkServiceGrpc.getListMemoriesMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getListMemoriesMethod = SparkServiceGrpc.getListMemoriesMethod) == null) {
          SparkServiceGrpc.getListMemoriesMethod = getListMemoriesMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.ListMemoriesRequest, dev.sparkmemory.spark.v1.ListMemoriesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListMemories"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListMemoriesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListMemoriesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("ListMemories"))
              .build();
        }
      }
    }
    return getListMemoriesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.CountRequest,
      dev.sparkmemory.spark.v1.CountResponse> getCountMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Count",
      requestType = dev.sparkmemory.spark.v1.CountRequest.class,
      responseType = dev.sparkmemory.spark.v1.CountResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.CountRequest,
      dev.sparkmemory.spark.v1.CountResponse> getCountMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.CountRequest, dev.sparkmemory.spark.v1.CountResponse> getCountMethod;
    if ((getCountMethod = SparkServiceGrpc.getCountMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getCountMethod = SparkServiceGrpc.getCountMethod) == null) {
          SparkServiceGrpc.getCountMethod = getCountMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.CountRequest, dev.sparkmemory.spark.v1.CountResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Count"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.CountRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.CountResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("Count"))
              .build();
        }
      }
    }
    return getCountMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ConsolidateRequest,
      dev.sparkmemory.spark.v1.ConsolidateResponse> getConsolidateMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "Consolidate",
      requestType = dev.sparkmemory.spark.v1.ConsolidateRequest.class,
      responseType = dev.sparkmemory.spark.v1.ConsolidateResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ConsolidateRequest,
      dev.sparkmemory.spark.v1.ConsolidateResponse> getConsolidateMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ConsolidateRequest, dev.sparkmemory.spark.v1.ConsolidateResponse> getConsolidateMethod;
    if ((getConsolidateMethod = SparkServiceGrpc.getConsolidateMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getConsolidateMethod = SparkServiceGrpc.getConsolidateMethod) == null) {
          SparkServiceGrpc.getConsolidateMethod = getConsolidateMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.ConsolidateRequest, dev.sparkmemory.spark.v1.ConsolidateResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "Consolidate"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ConsolidateRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ConsolidateResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("Consolidate"))
              .build();
        }
      }
    }
    return getConsolidateMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.UpdateMemoryRequest,
      dev.sparkmemory.spark.v1.UpdateMemoryResponse> getUpdateMemoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "UpdateMemory",
      requestType = dev.sparkmemory.spark.v1.UpdateMemoryRequest.class,
      responseType = dev.sparkmemory.spark.v1.UpdateMemoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.UpdateMemoryRequest,
      dev.sparkmemory.spark.v1.UpdateMemoryResponse> getUpdateMemoryMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.UpdateMemoryRequest, dev.sparkmemory.spark.v1.UpdateMemoryResponse> getUpdateMemoryMethod;
    if ((getUpdateMemoryMethod = SparkServiceGrpc.getUpdateMemoryMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getUpdateMemoryMethod = SparkServiceGrpc.getUpdateMemoryMethod) == null) {
          SparkServiceGrpc.getUpdateMemoryMethod = getUpdateMemoryMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.UpdateMemoryRequest, dev.sparkmemory.spark.v1.UpdateMemoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "UpdateMemory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.UpdateMemoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.UpdateMemoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("UpdateMemory"))
              .build();
        }
      }
    }
    return getUpdateMemoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.DeleteMemoryRequest,
      dev.sparkmemory.spark.v1.DeleteMemoryResponse> getDeleteMemoryMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "DeleteMemory",
      requestType = dev.sparkmemory.spark.v1.DeleteMemoryRequest.class,
      responseType = dev.sparkmemory.spark.v1.DeleteMemoryResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.DeleteMemoryRequest,
      dev.sparkmemory.spark.v1.DeleteMemoryResponse> getDeleteMemoryMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.DeleteMemoryRequest, dev.sparkmemory.spark.v1.DeleteMemoryResponse> getDeleteMemoryMethod;
    if ((getDeleteMemoryMethod = SparkServiceGrpc.getDeleteMemoryMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getDeleteMemoryMethod = SparkServiceGrpc.getDeleteMemoryMethod) == null) {
          SparkServiceGrpc.getDeleteMemoryMethod = getDeleteMemoryMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.DeleteMemoryRequest, dev.sparkmemory.spark.v1.DeleteMemoryResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "DeleteMemory"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.DeleteMemoryRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.DeleteMemoryResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("DeleteMemory"))
              .build();
        }
      }
    }
    return getDeleteMemoryMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.WatchMemoriesRequest,
      dev.sparkmemory.spark.v1.WatchMemoriesResponse> getWatchMemoriesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "WatchMemories",
      requestType = dev.sparkmemory.spark.v1.WatchMemoriesRequest.class,
      responseType = dev.sparkmemory.spark.v1.WatchMemoriesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.WatchMemoriesRequest,
      dev.sparkmemory.spark.v1.WatchMemoriesResponse> getWatchMemoriesMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.WatchMemoriesRequest, dev.sparkmemory.spark.v1.WatchMemoriesResponse> getWatchMemoriesMethod;
    if ((getWatchMemoriesMethod = SparkServiceGrpc.getWatchMemoriesMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getWatchMemoriesMethod = SparkServiceGrpc.getWatchMemoriesMethod) == null) {
          SparkServiceGrpc.getWatchMemoriesMethod = getWatchMemoriesMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.WatchMemoriesRequest, dev.sparkmemory.spark.v1.WatchMemoriesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "WatchMemories"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.WatchMemoriesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.WatchMemoriesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("WatchMemories"))
              .build();
        }
      }
    }
    return getWatchMemoriesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.SearchMemoriesRequest,
      dev.sparkmemory.spark.v1.SearchMemoriesResponse> getSearchMemoriesMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchMemories",
      requestType = dev.sparkmemory.spark.v1.SearchMemoriesRequest.class,
      responseType = dev.sparkmemory.spark.v1.SearchMemoriesResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.SearchMemoriesRequest,
      dev.sparkmemory.spark.v1.SearchMemoriesResponse> getSearchMemoriesMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.SearchMemoriesRequest, dev.sparkmemory.spark.v1.SearchMemoriesResponse> getSearchMemoriesMethod;
    if ((getSearchMemoriesMethod = SparkServiceGrpc.getSearchMemoriesMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getSearchMemoriesMethod = SparkServiceGrpc.getSearchMemoriesMethod) == null) {
          SparkServiceGrpc.getSearchMemoriesMethod = getSearchMemoriesMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.SearchMemoriesRequest, dev.sparkmemory.spark.v1.SearchMemoriesResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchMemories"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.SearchMemoriesRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.SearchMemoriesResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("SearchMemories"))
              .build();
        }
      }
    }
    return getSearchMemoriesMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.SearchEventsRequest,
      dev.sparkmemory.spark.v1.SearchEventsResponse> getSearchEventsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "SearchEvents",
      requestType = dev.sparkmemory.spark.v1.SearchEventsRequest.class,
      responseType = dev.sparkmemory.spark.v1.SearchEventsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.SearchEventsRequest,
      dev.sparkmemory.spark.v1.SearchEventsResponse> getSearchEventsMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.SearchEventsRequest, dev.sparkmemory.spark.v1.SearchEventsResponse> getSearchEventsMethod;
    if ((getSearchEventsMethod = SparkServiceGrpc.getSearchEventsMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getSearchEventsMethod = SparkServiceGrpc.getSearchEventsMethod) == null) {
          SparkServiceGrpc.getSearchEventsMethod = getSearchEventsMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.SearchEventsRequest, dev.sparkmemory.spark.v1.SearchEventsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "SearchEvents"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.SearchEventsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.SearchEventsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("SearchEvents"))
              .build();
        }
      }
    }
    return getSearchEventsMethod;
  }

  private static volatile io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest,
      dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse> getListMemoryRevisionsMethod;

  @io.grpc.stub.annotations.RpcMethod(
      fullMethodName = SERVICE_NAME + '/' + "ListMemoryRevisions",
      requestType = dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest.class,
      responseType = dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse.class,
      methodType = io.grpc.MethodDescriptor.MethodType.UNARY)
  public static io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest,
      dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse> getListMemoryRevisionsMethod() {
    io.grpc.MethodDescriptor<dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest, dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse> getListMemoryRevisionsMethod;
    if ((getListMemoryRevisionsMethod = SparkServiceGrpc.getListMemoryRevisionsMethod) == null) {
      synchronized (SparkServiceGrpc.class) {
        if ((getListMemoryRevisionsMethod = SparkServiceGrpc.getListMemoryRevisionsMethod) == null) {
          SparkServiceGrpc.getListMemoryRevisionsMethod = getListMemoryRevisionsMethod =
              io.grpc.MethodDescriptor.<dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest, dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse>newBuilder()
              .setType(io.grpc.MethodDescriptor.MethodType.UNARY)
              .setFullMethodName(generateFullMethodName(SERVICE_NAME, "ListMemoryRevisions"))
              .setSampledToLocalTracing(true)
              .setRequestMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest.getDefaultInstance()))
              .setResponseMarshaller(io.grpc.protobuf.ProtoUtils.marshaller(
                  dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse.getDefaultInstance()))
              .setSchemaDescriptor(new SparkServiceMethodDescriptorSupplier("ListMemoryRevisions"))
              .build();
        }
      }
    }
    return getListMemoryRevisionsMethod;
  }

  /**
   * Creates a new async stub that supports all call types for the service
   */
  public static SparkServiceStub newStub(io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SparkServiceStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SparkServiceStub>() {
        @java.lang.Override
        public SparkServiceStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SparkServiceStub(channel, callOptions);
        }
      };
    return SparkServiceStub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports all types of calls on the service
   */
  public static SparkServiceBlockingV2Stub newBlockingV2Stub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SparkServiceBlockingV2Stub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SparkServiceBlockingV2Stub>() {
        @java.lang.Override
        public SparkServiceBlockingV2Stub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SparkServiceBlockingV2Stub(channel, callOptions);
        }
      };
    return SparkServiceBlockingV2Stub.newStub(factory, channel);
  }

  /**
   * Creates a new blocking-style stub that supports unary and streaming output calls on the service
   */
  public static SparkServiceBlockingStub newBlockingStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SparkServiceBlockingStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SparkServiceBlockingStub>() {
        @java.lang.Override
        public SparkServiceBlockingStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SparkServiceBlockingStub(channel, callOptions);
        }
      };
    return SparkServiceBlockingStub.newStub(factory, channel);
  }

  /**
   * Creates a new ListenableFuture-style stub that supports unary calls on the service
   */
  public static SparkServiceFutureStub newFutureStub(
      io.grpc.Channel channel) {
    io.grpc.stub.AbstractStub.StubFactory<SparkServiceFutureStub> factory =
      new io.grpc.stub.AbstractStub.StubFactory<SparkServiceFutureStub>() {
        @java.lang.Override
        public SparkServiceFutureStub newStub(io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
          return new SparkServiceFutureStub(channel, callOptions);
        }
      };
    return SparkServiceFutureStub.newStub(factory, channel);
  }

  /**
   * <pre>
   * SparkService is the event log and memory store.
   * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
   * cannot accept, and changes nothing in the store when it does so. With
   * authentication configured, every RPC may also answer UNAUTHENTICATED or
   * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
   * written (for example a read-only or full disk) and the call may be retried.
   * </pre>
   */
  public interface AsyncService {

    /**
     * <pre>
     * RecordEvent appends one event to the log.
     * Without importance, the server scores the event from its type and data.
     * With a client-chosen id the call is idempotent: a retry with the same id
     * and the same content returns the stored event with duplicate=true.
     * With a condition the event is appended only if no event matching the
     * condition's filters has a sequence above its after_sequence, checked and
     * appended in one transaction (the coordinator pattern: read, decide,
     * append with a condition, and on FAILED_PRECONDITION read again). A retry
     * of an already stored request answers duplicate=true even when the
     * condition no longer holds.
     * Returns OK, INVALID_ARGUMENT (a bad field, named in the message),
     * ALREADY_EXISTS (the id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed: a google.rpc.ErrorInfo with
     * reason APPEND_CONDITION_FAILED and metadata conflicting_sequence, the
     * newest matching event), RESOURCE_EXHAUSTED (the disk is full),
     * UNAVAILABLE (the store cannot be written now).
     * </pre>
     */
    default void recordEvent(dev.sparkmemory.spark.v1.RecordEventRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.RecordEventResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRecordEventMethod(), responseObserver);
    }

    /**
     * <pre>
     * RecordEvents appends a batch of events atomically: all of them are stored
     * or none is. An error names the failing item, e.g. `events[3].importance`.
     * A condition applies to the whole batch, as in RecordEvent; items must not
     * carry conditions of their own.
     * Returns OK, INVALID_ARGUMENT (an empty batch or a bad item),
     * ALREADY_EXISTS (an item's id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed; nothing is written),
     * RESOURCE_EXHAUSTED, UNAVAILABLE. The response always holds an ack per
     * event; whether it echoes the events is the request's echo.
     * </pre>
     */
    default void recordEvents(dev.sparkmemory.spark.v1.RecordEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.RecordEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getRecordEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListEvents streams the events that match the filters, several per
     * message. With follow=true it streams the matching history oldest first,
     * then one message with caught_up=true, then each matching event as it is
     * committed, until the client cancels or the limit is reached.
     * With follow=true and a consumer name (and no after_sequence), the stream
     * starts after the consumer's acknowledged sequence (AckEvents); the
     * consumer is created on first use with the request's filters.
     * Returns OK, INVALID_ARGUMENT, FAILED_PRECONDITION (the consumer exists
     * with other filters), RESOURCE_EXHAUSTED (too many streams, or a reader
     * that accepted nothing for the server's stall time: the message names the
     * after_sequence to resume from), UNAVAILABLE (the server is shutting down;
     * resume from the last sequence received), UNAUTHENTICATED (the stream's
     * token was revoked), CANCELLED.
     * </pre>
     */
    default void listEvents(dev.sparkmemory.spark.v1.ListEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * AckEvents moves a durable consumer's position forward to sequence: the
     * consumer has handled every matching event up to it. An ack below the
     * position changes nothing; the position is stored (and shared by every
     * server on the store) before the call returns.
     * Returns OK, INVALID_ARGUMENT (no name, or a sequence above the log's
     * head), NOT_FOUND (no such consumer), UNAVAILABLE.
     * </pre>
     */
    default void ackEvents(dev.sparkmemory.spark.v1.AckEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.AckEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getAckEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * GetConsumer returns a durable consumer with its exact lag.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * (It answers with the Consumer itself, a name other tools rely on.)
     * buf:lint:ignore RPC_RESPONSE_STANDARD_NAME
     * </pre>
     */
    default void getConsumer(dev.sparkmemory.spark.v1.GetConsumerRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.Consumer> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getGetConsumerMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListConsumers returns every durable consumer, by name.
     * Returns OK, UNAVAILABLE.
     * </pre>
     */
    default void listConsumers(dev.sparkmemory.spark.v1.ListConsumersRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListConsumersResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListConsumersMethod(), responseObserver);
    }

    /**
     * <pre>
     * DeleteConsumer forgets a durable consumer and its position.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * </pre>
     */
    default void deleteConsumer(dev.sparkmemory.spark.v1.DeleteConsumerRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.DeleteConsumerResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteConsumerMethod(), responseObserver);
    }

    /**
     * <pre>
     * StoreMemory stores one memory. With a client-chosen id the call is
     * idempotent, as in RecordEvent.
     * Returns OK, INVALID_ARGUMENT, ALREADY_EXISTS, RESOURCE_EXHAUSTED,
     * UNAVAILABLE.
     * </pre>
     */
    default void storeMemory(dev.sparkmemory.spark.v1.StoreMemoryRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.StoreMemoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getStoreMemoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListMemories returns the memories that match the filters, newest first.
     * Expired memories are left out unless include_expired is set.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (the answer would
     * exceed 4 MiB: ask for fewer with limit), UNAVAILABLE.
     * </pre>
     */
    default void listMemories(dev.sparkmemory.spark.v1.ListMemoriesRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListMemoriesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMemoriesMethod(), responseObserver);
    }

    /**
     * <pre>
     * Count counts events or (unexpired, unless include_expired) memories.
     * Returns OK, INVALID_ARGUMENT (target unspecified), UNAVAILABLE.
     * </pre>
     */
    default void count(dev.sparkmemory.spark.v1.CountRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.CountResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getCountMethod(), responseObserver);
    }

    /**
     * <pre>
     * Consolidate runs the consolidation rules now, for one agent or for all
     * agents and the system, and returns what changed.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    default void consolidate(dev.sparkmemory.spark.v1.ConsolidateRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ConsolidateResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getConsolidateMethod(), responseObserver);
    }

    /**
     * <pre>
     * UpdateMemory changes a stored memory's content, confidence or expiry.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    default void updateMemory(dev.sparkmemory.spark.v1.UpdateMemoryRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.UpdateMemoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getUpdateMemoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * DeleteMemory deletes a memory.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    default void deleteMemory(dev.sparkmemory.spark.v1.DeleteMemoryRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.DeleteMemoryResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getDeleteMemoryMethod(), responseObserver);
    }

    /**
     * <pre>
     * WatchMemories streams memory changes (created, updated, expired,
     * deleted) as they commit, through any server sharing the store, until the
     * client cancels. With include_existing it first sends the current
     * memories that match, then a message with caught_up=true. Every change
     * has a sequence; after_sequence resumes after the last one received, with
     * no gap and no repeat (changes are kept for the server's
     * --expired-grace-seconds). A watcher that reads slowly is served from the
     * database at its own pace.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (too many streams, or
     * a reader that accepted nothing for the server's stall time: the message
     * names the after_sequence to resume from), UNAVAILABLE (shutting down:
     * resume with after_sequence), UNAUTHENTICATED (the stream's token was
     * revoked), CANCELLED.
     * </pre>
     */
    default void watchMemories(dev.sparkmemory.spark.v1.WatchMemoriesRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.WatchMemoriesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getWatchMemoriesMethod(), responseObserver);
    }

    /**
     * <pre>
     * SearchMemories finds memories by full-text search over their content
     * and subject, best match first.
     * The query syntax: words (every word must match; case does not matter),
     * "quoted phrases" (the words in that order), and a prefix with a
     * trailing star (`pars*` matches parse, parser, parsing). A word is a run
     * of letters, digits and underscores; text with other characters inside
     * (an agent id such as `agent-7`, an error such as `E_CONN.reset`) is
     * matched as a phrase of its words, so it finds that exact text. Any other
     * character is taken as plain text, never as operator syntax.
     * Returns OK, INVALID_ARGUMENT (query empty, without a word, or too long;
     * a negative limit), UNAVAILABLE.
     * </pre>
     */
    default void searchMemories(dev.sparkmemory.spark.v1.SearchMemoriesRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.SearchMemoriesResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchMemoriesMethod(), responseObserver);
    }

    /**
     * <pre>
     * SearchEvents finds events by full-text search over their description
     * and data text, best match first, with the query syntax of
     * SearchMemories and the filters of ListEvents.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    default void searchEvents(dev.sparkmemory.spark.v1.SearchEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.SearchEventsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getSearchEventsMethod(), responseObserver);
    }

    /**
     * <pre>
     * ListMemoryRevisions returns every revision of one memory, oldest first:
     * one per change (created, updated, expired, deleted), by a client or a
     * rule. A deleted memory keeps its history.
     * Returns OK, INVALID_ARGUMENT (no memory_id), NOT_FOUND (no revision
     * of that id), UNAVAILABLE.
     * </pre>
     */
    default void listMemoryRevisions(dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse> responseObserver) {
      io.grpc.stub.ServerCalls.asyncUnimplementedUnaryCall(getListMemoryRevisionsMethod(), responseObserver);
    }
  }

  /**
   * Base class for the server implementation of the service SparkService.
   * <pre>
   * SparkService is the event log and memory store.
   * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
   * cannot accept, and changes nothing in the store when it does so. With
   * authentication configured, every RPC may also answer UNAUTHENTICATED or
   * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
   * written (for example a read-only or full disk) and the call may be retried.
   * </pre>
   */
  public static abstract class SparkServiceImplBase
      implements io.grpc.BindableService, AsyncService {

    @java.lang.Override public final io.grpc.ServerServiceDefinition bindService() {
      return SparkServiceGrpc.bindService(this);
    }
  }

  /**
   * A stub to allow clients to do asynchronous rpc calls to service SparkService.
   * <pre>
   * SparkService is the event log and memory store.
   * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
   * cannot accept, and changes nothing in the store when it does so. With
   * authentication configured, every RPC may also answer UNAUTHENTICATED or
   * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
   * written (for example a read-only or full disk) and the call may be retried.
   * </pre>
   */
  public static final class SparkServiceStub
      extends io.grpc.stub.AbstractAsyncStub<SparkServiceStub> {
    private SparkServiceStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SparkServiceStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SparkServiceStub(channel, callOptions);
    }

    /**
     * <pre>
     * RecordEvent appends one event to the log.
     * Without importance, the server scores the event from its type and data.
     * With a client-chosen id the call is idempotent: a retry with the same id
     * and the same content returns the stored event with duplicate=true.
     * With a condition the event is appended only if no event matching the
     * condition's filters has a sequence above its after_sequence, checked and
     * appended in one transaction (the coordinator pattern: read, decide,
     * append with a condition, and on FAILED_PRECONDITION read again). A retry
     * of an already stored request answers duplicate=true even when the
     * condition no longer holds.
     * Returns OK, INVALID_ARGUMENT (a bad field, named in the message),
     * ALREADY_EXISTS (the id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed: a google.rpc.ErrorInfo with
     * reason APPEND_CONDITION_FAILED and metadata conflicting_sequence, the
     * newest matching event), RESOURCE_EXHAUSTED (the disk is full),
     * UNAVAILABLE (the store cannot be written now).
     * </pre>
     */
    public void recordEvent(dev.sparkmemory.spark.v1.RecordEventRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.RecordEventResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRecordEventMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * RecordEvents appends a batch of events atomically: all of them are stored
     * or none is. An error names the failing item, e.g. `events[3].importance`.
     * A condition applies to the whole batch, as in RecordEvent; items must not
     * carry conditions of their own.
     * Returns OK, INVALID_ARGUMENT (an empty batch or a bad item),
     * ALREADY_EXISTS (an item's id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed; nothing is written),
     * RESOURCE_EXHAUSTED, UNAVAILABLE. The response always holds an ack per
     * event; whether it echoes the events is the request's echo.
     * </pre>
     */
    public void recordEvents(dev.sparkmemory.spark.v1.RecordEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.RecordEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getRecordEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListEvents streams the events that match the filters, several per
     * message. With follow=true it streams the matching history oldest first,
     * then one message with caught_up=true, then each matching event as it is
     * committed, until the client cancels or the limit is reached.
     * With follow=true and a consumer name (and no after_sequence), the stream
     * starts after the consumer's acknowledged sequence (AckEvents); the
     * consumer is created on first use with the request's filters.
     * Returns OK, INVALID_ARGUMENT, FAILED_PRECONDITION (the consumer exists
     * with other filters), RESOURCE_EXHAUSTED (too many streams, or a reader
     * that accepted nothing for the server's stall time: the message names the
     * after_sequence to resume from), UNAVAILABLE (the server is shutting down;
     * resume from the last sequence received), UNAUTHENTICATED (the stream's
     * token was revoked), CANCELLED.
     * </pre>
     */
    public void listEvents(dev.sparkmemory.spark.v1.ListEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getListEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * AckEvents moves a durable consumer's position forward to sequence: the
     * consumer has handled every matching event up to it. An ack below the
     * position changes nothing; the position is stored (and shared by every
     * server on the store) before the call returns.
     * Returns OK, INVALID_ARGUMENT (no name, or a sequence above the log's
     * head), NOT_FOUND (no such consumer), UNAVAILABLE.
     * </pre>
     */
    public void ackEvents(dev.sparkmemory.spark.v1.AckEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.AckEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getAckEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * GetConsumer returns a durable consumer with its exact lag.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * (It answers with the Consumer itself, a name other tools rely on.)
     * buf:lint:ignore RPC_RESPONSE_STANDARD_NAME
     * </pre>
     */
    public void getConsumer(dev.sparkmemory.spark.v1.GetConsumerRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.Consumer> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getGetConsumerMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListConsumers returns every durable consumer, by name.
     * Returns OK, UNAVAILABLE.
     * </pre>
     */
    public void listConsumers(dev.sparkmemory.spark.v1.ListConsumersRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListConsumersResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListConsumersMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * DeleteConsumer forgets a durable consumer and its position.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * </pre>
     */
    public void deleteConsumer(dev.sparkmemory.spark.v1.DeleteConsumerRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.DeleteConsumerResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteConsumerMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * StoreMemory stores one memory. With a client-chosen id the call is
     * idempotent, as in RecordEvent.
     * Returns OK, INVALID_ARGUMENT, ALREADY_EXISTS, RESOURCE_EXHAUSTED,
     * UNAVAILABLE.
     * </pre>
     */
    public void storeMemory(dev.sparkmemory.spark.v1.StoreMemoryRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.StoreMemoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getStoreMemoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListMemories returns the memories that match the filters, newest first.
     * Expired memories are left out unless include_expired is set.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (the answer would
     * exceed 4 MiB: ask for fewer with limit), UNAVAILABLE.
     * </pre>
     */
    public void listMemories(dev.sparkmemory.spark.v1.ListMemoriesRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListMemoriesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMemoriesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Count counts events or (unexpired, unless include_expired) memories.
     * Returns OK, INVALID_ARGUMENT (target unspecified), UNAVAILABLE.
     * </pre>
     */
    public void count(dev.sparkmemory.spark.v1.CountRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.CountResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getCountMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * Consolidate runs the consolidation rules now, for one agent or for all
     * agents and the system, and returns what changed.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public void consolidate(dev.sparkmemory.spark.v1.ConsolidateRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ConsolidateResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getConsolidateMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * UpdateMemory changes a stored memory's content, confidence or expiry.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public void updateMemory(dev.sparkmemory.spark.v1.UpdateMemoryRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.UpdateMemoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getUpdateMemoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * DeleteMemory deletes a memory.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public void deleteMemory(dev.sparkmemory.spark.v1.DeleteMemoryRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.DeleteMemoryResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getDeleteMemoryMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * WatchMemories streams memory changes (created, updated, expired,
     * deleted) as they commit, through any server sharing the store, until the
     * client cancels. With include_existing it first sends the current
     * memories that match, then a message with caught_up=true. Every change
     * has a sequence; after_sequence resumes after the last one received, with
     * no gap and no repeat (changes are kept for the server's
     * --expired-grace-seconds). A watcher that reads slowly is served from the
     * database at its own pace.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (too many streams, or
     * a reader that accepted nothing for the server's stall time: the message
     * names the after_sequence to resume from), UNAVAILABLE (shutting down:
     * resume with after_sequence), UNAUTHENTICATED (the stream's token was
     * revoked), CANCELLED.
     * </pre>
     */
    public void watchMemories(dev.sparkmemory.spark.v1.WatchMemoriesRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.WatchMemoriesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncServerStreamingCall(
          getChannel().newCall(getWatchMemoriesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SearchMemories finds memories by full-text search over their content
     * and subject, best match first.
     * The query syntax: words (every word must match; case does not matter),
     * "quoted phrases" (the words in that order), and a prefix with a
     * trailing star (`pars*` matches parse, parser, parsing). A word is a run
     * of letters, digits and underscores; text with other characters inside
     * (an agent id such as `agent-7`, an error such as `E_CONN.reset`) is
     * matched as a phrase of its words, so it finds that exact text. Any other
     * character is taken as plain text, never as operator syntax.
     * Returns OK, INVALID_ARGUMENT (query empty, without a word, or too long;
     * a negative limit), UNAVAILABLE.
     * </pre>
     */
    public void searchMemories(dev.sparkmemory.spark.v1.SearchMemoriesRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.SearchMemoriesResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchMemoriesMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * SearchEvents finds events by full-text search over their description
     * and data text, best match first, with the query syntax of
     * SearchMemories and the filters of ListEvents.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public void searchEvents(dev.sparkmemory.spark.v1.SearchEventsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.SearchEventsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getSearchEventsMethod(), getCallOptions()), request, responseObserver);
    }

    /**
     * <pre>
     * ListMemoryRevisions returns every revision of one memory, oldest first:
     * one per change (created, updated, expired, deleted), by a client or a
     * rule. A deleted memory keeps its history.
     * Returns OK, INVALID_ARGUMENT (no memory_id), NOT_FOUND (no revision
     * of that id), UNAVAILABLE.
     * </pre>
     */
    public void listMemoryRevisions(dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest request,
        io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse> responseObserver) {
      io.grpc.stub.ClientCalls.asyncUnaryCall(
          getChannel().newCall(getListMemoryRevisionsMethod(), getCallOptions()), request, responseObserver);
    }
  }

  /**
   * A stub to allow clients to do synchronous rpc calls to service SparkService.
   * <pre>
   * SparkService is the event log and memory store.
   * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
   * cannot accept, and changes nothing in the store when it does so. With
   * authentication configured, every RPC may also answer UNAUTHENTICATED or
   * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
   * written (for example a read-only or full disk) and the call may be retried.
   * </pre>
   */
  public static final class SparkServiceBlockingV2Stub
      extends io.grpc.stub.AbstractBlockingStub<SparkServiceBlockingV2Stub> {
    private SparkServiceBlockingV2Stub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SparkServiceBlockingV2Stub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SparkServiceBlockingV2Stub(channel, callOptions);
    }

    /**
     * <pre>
     * RecordEvent appends one event to the log.
     * Without importance, the server scores the event from its type and data.
     * With a client-chosen id the call is idempotent: a retry with the same id
     * and the same content returns the stored event with duplicate=true.
     * With a condition the event is appended only if no event matching the
     * condition's filters has a sequence above its after_sequence, checked and
     * appended in one transaction (the coordinator pattern: read, decide,
     * append with a condition, and on FAILED_PRECONDITION read again). A retry
     * of an already stored request answers duplicate=true even when the
     * condition no longer holds.
     * Returns OK, INVALID_ARGUMENT (a bad field, named in the message),
     * ALREADY_EXISTS (the id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed: a google.rpc.ErrorInfo with
     * reason APPEND_CONDITION_FAILED and metadata conflicting_sequence, the
     * newest matching event), RESOURCE_EXHAUSTED (the disk is full),
     * UNAVAILABLE (the store cannot be written now).
     * </pre>
     */
    public dev.sparkmemory.spark.v1.RecordEventResponse recordEvent(dev.sparkmemory.spark.v1.RecordEventRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRecordEventMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RecordEvents appends a batch of events atomically: all of them are stored
     * or none is. An error names the failing item, e.g. `events[3].importance`.
     * A condition applies to the whole batch, as in RecordEvent; items must not
     * carry conditions of their own.
     * Returns OK, INVALID_ARGUMENT (an empty batch or a bad item),
     * ALREADY_EXISTS (an item's id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed; nothing is written),
     * RESOURCE_EXHAUSTED, UNAVAILABLE. The response always holds an ack per
     * event; whether it echoes the events is the request's echo.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.RecordEventsResponse recordEvents(dev.sparkmemory.spark.v1.RecordEventsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getRecordEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListEvents streams the events that match the filters, several per
     * message. With follow=true it streams the matching history oldest first,
     * then one message with caught_up=true, then each matching event as it is
     * committed, until the client cancels or the limit is reached.
     * With follow=true and a consumer name (and no after_sequence), the stream
     * starts after the consumer's acknowledged sequence (AckEvents); the
     * consumer is created on first use with the request's filters.
     * Returns OK, INVALID_ARGUMENT, FAILED_PRECONDITION (the consumer exists
     * with other filters), RESOURCE_EXHAUSTED (too many streams, or a reader
     * that accepted nothing for the server's stall time: the message names the
     * after_sequence to resume from), UNAVAILABLE (the server is shutting down;
     * resume from the last sequence received), UNAUTHENTICATED (the stream's
     * token was revoked), CANCELLED.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.sparkmemory.spark.v1.ListEventsResponse>
        listEvents(dev.sparkmemory.spark.v1.ListEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getListEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * AckEvents moves a durable consumer's position forward to sequence: the
     * consumer has handled every matching event up to it. An ack below the
     * position changes nothing; the position is stored (and shared by every
     * server on the store) before the call returns.
     * Returns OK, INVALID_ARGUMENT (no name, or a sequence above the log's
     * head), NOT_FOUND (no such consumer), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.AckEventsResponse ackEvents(dev.sparkmemory.spark.v1.AckEventsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getAckEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetConsumer returns a durable consumer with its exact lag.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * (It answers with the Consumer itself, a name other tools rely on.)
     * buf:lint:ignore RPC_RESPONSE_STANDARD_NAME
     * </pre>
     */
    public dev.sparkmemory.spark.v1.Consumer getConsumer(dev.sparkmemory.spark.v1.GetConsumerRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getGetConsumerMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListConsumers returns every durable consumer, by name.
     * Returns OK, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ListConsumersResponse listConsumers(dev.sparkmemory.spark.v1.ListConsumersRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListConsumersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteConsumer forgets a durable consumer and its position.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.DeleteConsumerResponse deleteConsumer(dev.sparkmemory.spark.v1.DeleteConsumerRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteConsumerMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * StoreMemory stores one memory. With a client-chosen id the call is
     * idempotent, as in RecordEvent.
     * Returns OK, INVALID_ARGUMENT, ALREADY_EXISTS, RESOURCE_EXHAUSTED,
     * UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.StoreMemoryResponse storeMemory(dev.sparkmemory.spark.v1.StoreMemoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getStoreMemoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMemories returns the memories that match the filters, newest first.
     * Expired memories are left out unless include_expired is set.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (the answer would
     * exceed 4 MiB: ask for fewer with limit), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ListMemoriesResponse listMemories(dev.sparkmemory.spark.v1.ListMemoriesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMemoriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Count counts events or (unexpired, unless include_expired) memories.
     * Returns OK, INVALID_ARGUMENT (target unspecified), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.CountResponse count(dev.sparkmemory.spark.v1.CountRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getCountMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Consolidate runs the consolidation rules now, for one agent or for all
     * agents and the system, and returns what changed.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ConsolidateResponse consolidate(dev.sparkmemory.spark.v1.ConsolidateRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getConsolidateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateMemory changes a stored memory's content, confidence or expiry.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.UpdateMemoryResponse updateMemory(dev.sparkmemory.spark.v1.UpdateMemoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getUpdateMemoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteMemory deletes a memory.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.DeleteMemoryResponse deleteMemory(dev.sparkmemory.spark.v1.DeleteMemoryRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getDeleteMemoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * WatchMemories streams memory changes (created, updated, expired,
     * deleted) as they commit, through any server sharing the store, until the
     * client cancels. With include_existing it first sends the current
     * memories that match, then a message with caught_up=true. Every change
     * has a sequence; after_sequence resumes after the last one received, with
     * no gap and no repeat (changes are kept for the server's
     * --expired-grace-seconds). A watcher that reads slowly is served from the
     * database at its own pace.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (too many streams, or
     * a reader that accepted nothing for the server's stall time: the message
     * names the after_sequence to resume from), UNAVAILABLE (shutting down:
     * resume with after_sequence), UNAUTHENTICATED (the stream's token was
     * revoked), CANCELLED.
     * </pre>
     */
    @io.grpc.ExperimentalApi("https://github.com/grpc/grpc-java/issues/10918")
    public io.grpc.stub.BlockingClientCall<?, dev.sparkmemory.spark.v1.WatchMemoriesResponse>
        watchMemories(dev.sparkmemory.spark.v1.WatchMemoriesRequest request) {
      return io.grpc.stub.ClientCalls.blockingV2ServerStreamingCall(
          getChannel(), getWatchMemoriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchMemories finds memories by full-text search over their content
     * and subject, best match first.
     * The query syntax: words (every word must match; case does not matter),
     * "quoted phrases" (the words in that order), and a prefix with a
     * trailing star (`pars*` matches parse, parser, parsing). A word is a run
     * of letters, digits and underscores; text with other characters inside
     * (an agent id such as `agent-7`, an error such as `E_CONN.reset`) is
     * matched as a phrase of its words, so it finds that exact text. Any other
     * character is taken as plain text, never as operator syntax.
     * Returns OK, INVALID_ARGUMENT (query empty, without a word, or too long;
     * a negative limit), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.SearchMemoriesResponse searchMemories(dev.sparkmemory.spark.v1.SearchMemoriesRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchMemoriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchEvents finds events by full-text search over their description
     * and data text, best match first, with the query syntax of
     * SearchMemories and the filters of ListEvents.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.SearchEventsResponse searchEvents(dev.sparkmemory.spark.v1.SearchEventsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getSearchEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMemoryRevisions returns every revision of one memory, oldest first:
     * one per change (created, updated, expired, deleted), by a client or a
     * rule. A deleted memory keeps its history.
     * Returns OK, INVALID_ARGUMENT (no memory_id), NOT_FOUND (no revision
     * of that id), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse listMemoryRevisions(dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest request) throws io.grpc.StatusException {
      return io.grpc.stub.ClientCalls.blockingV2UnaryCall(
          getChannel(), getListMemoryRevisionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do limited synchronous rpc calls to service SparkService.
   * <pre>
   * SparkService is the event log and memory store.
   * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
   * cannot accept, and changes nothing in the store when it does so. With
   * authentication configured, every RPC may also answer UNAUTHENTICATED or
   * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
   * written (for example a read-only or full disk) and the call may be retried.
   * </pre>
   */
  public static final class SparkServiceBlockingStub
      extends io.grpc.stub.AbstractBlockingStub<SparkServiceBlockingStub> {
    private SparkServiceBlockingStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SparkServiceBlockingStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SparkServiceBlockingStub(channel, callOptions);
    }

    /**
     * <pre>
     * RecordEvent appends one event to the log.
     * Without importance, the server scores the event from its type and data.
     * With a client-chosen id the call is idempotent: a retry with the same id
     * and the same content returns the stored event with duplicate=true.
     * With a condition the event is appended only if no event matching the
     * condition's filters has a sequence above its after_sequence, checked and
     * appended in one transaction (the coordinator pattern: read, decide,
     * append with a condition, and on FAILED_PRECONDITION read again). A retry
     * of an already stored request answers duplicate=true even when the
     * condition no longer holds.
     * Returns OK, INVALID_ARGUMENT (a bad field, named in the message),
     * ALREADY_EXISTS (the id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed: a google.rpc.ErrorInfo with
     * reason APPEND_CONDITION_FAILED and metadata conflicting_sequence, the
     * newest matching event), RESOURCE_EXHAUSTED (the disk is full),
     * UNAVAILABLE (the store cannot be written now).
     * </pre>
     */
    public dev.sparkmemory.spark.v1.RecordEventResponse recordEvent(dev.sparkmemory.spark.v1.RecordEventRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRecordEventMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * RecordEvents appends a batch of events atomically: all of them are stored
     * or none is. An error names the failing item, e.g. `events[3].importance`.
     * A condition applies to the whole batch, as in RecordEvent; items must not
     * carry conditions of their own.
     * Returns OK, INVALID_ARGUMENT (an empty batch or a bad item),
     * ALREADY_EXISTS (an item's id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed; nothing is written),
     * RESOURCE_EXHAUSTED, UNAVAILABLE. The response always holds an ack per
     * event; whether it echoes the events is the request's echo.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.RecordEventsResponse recordEvents(dev.sparkmemory.spark.v1.RecordEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getRecordEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListEvents streams the events that match the filters, several per
     * message. With follow=true it streams the matching history oldest first,
     * then one message with caught_up=true, then each matching event as it is
     * committed, until the client cancels or the limit is reached.
     * With follow=true and a consumer name (and no after_sequence), the stream
     * starts after the consumer's acknowledged sequence (AckEvents); the
     * consumer is created on first use with the request's filters.
     * Returns OK, INVALID_ARGUMENT, FAILED_PRECONDITION (the consumer exists
     * with other filters), RESOURCE_EXHAUSTED (too many streams, or a reader
     * that accepted nothing for the server's stall time: the message names the
     * after_sequence to resume from), UNAVAILABLE (the server is shutting down;
     * resume from the last sequence received), UNAUTHENTICATED (the stream's
     * token was revoked), CANCELLED.
     * </pre>
     */
    public java.util.Iterator<dev.sparkmemory.spark.v1.ListEventsResponse> listEvents(
        dev.sparkmemory.spark.v1.ListEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getListEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * AckEvents moves a durable consumer's position forward to sequence: the
     * consumer has handled every matching event up to it. An ack below the
     * position changes nothing; the position is stored (and shared by every
     * server on the store) before the call returns.
     * Returns OK, INVALID_ARGUMENT (no name, or a sequence above the log's
     * head), NOT_FOUND (no such consumer), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.AckEventsResponse ackEvents(dev.sparkmemory.spark.v1.AckEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getAckEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * GetConsumer returns a durable consumer with its exact lag.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * (It answers with the Consumer itself, a name other tools rely on.)
     * buf:lint:ignore RPC_RESPONSE_STANDARD_NAME
     * </pre>
     */
    public dev.sparkmemory.spark.v1.Consumer getConsumer(dev.sparkmemory.spark.v1.GetConsumerRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getGetConsumerMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListConsumers returns every durable consumer, by name.
     * Returns OK, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ListConsumersResponse listConsumers(dev.sparkmemory.spark.v1.ListConsumersRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListConsumersMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteConsumer forgets a durable consumer and its position.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.DeleteConsumerResponse deleteConsumer(dev.sparkmemory.spark.v1.DeleteConsumerRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteConsumerMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * StoreMemory stores one memory. With a client-chosen id the call is
     * idempotent, as in RecordEvent.
     * Returns OK, INVALID_ARGUMENT, ALREADY_EXISTS, RESOURCE_EXHAUSTED,
     * UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.StoreMemoryResponse storeMemory(dev.sparkmemory.spark.v1.StoreMemoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getStoreMemoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMemories returns the memories that match the filters, newest first.
     * Expired memories are left out unless include_expired is set.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (the answer would
     * exceed 4 MiB: ask for fewer with limit), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ListMemoriesResponse listMemories(dev.sparkmemory.spark.v1.ListMemoriesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMemoriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Count counts events or (unexpired, unless include_expired) memories.
     * Returns OK, INVALID_ARGUMENT (target unspecified), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.CountResponse count(dev.sparkmemory.spark.v1.CountRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getCountMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * Consolidate runs the consolidation rules now, for one agent or for all
     * agents and the system, and returns what changed.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ConsolidateResponse consolidate(dev.sparkmemory.spark.v1.ConsolidateRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getConsolidateMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * UpdateMemory changes a stored memory's content, confidence or expiry.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.UpdateMemoryResponse updateMemory(dev.sparkmemory.spark.v1.UpdateMemoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getUpdateMemoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * DeleteMemory deletes a memory.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.DeleteMemoryResponse deleteMemory(dev.sparkmemory.spark.v1.DeleteMemoryRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getDeleteMemoryMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * WatchMemories streams memory changes (created, updated, expired,
     * deleted) as they commit, through any server sharing the store, until the
     * client cancels. With include_existing it first sends the current
     * memories that match, then a message with caught_up=true. Every change
     * has a sequence; after_sequence resumes after the last one received, with
     * no gap and no repeat (changes are kept for the server's
     * --expired-grace-seconds). A watcher that reads slowly is served from the
     * database at its own pace.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (too many streams, or
     * a reader that accepted nothing for the server's stall time: the message
     * names the after_sequence to resume from), UNAVAILABLE (shutting down:
     * resume with after_sequence), UNAUTHENTICATED (the stream's token was
     * revoked), CANCELLED.
     * </pre>
     */
    public java.util.Iterator<dev.sparkmemory.spark.v1.WatchMemoriesResponse> watchMemories(
        dev.sparkmemory.spark.v1.WatchMemoriesRequest request) {
      return io.grpc.stub.ClientCalls.blockingServerStreamingCall(
          getChannel(), getWatchMemoriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchMemories finds memories by full-text search over their content
     * and subject, best match first.
     * The query syntax: words (every word must match; case does not matter),
     * "quoted phrases" (the words in that order), and a prefix with a
     * trailing star (`pars*` matches parse, parser, parsing). A word is a run
     * of letters, digits and underscores; text with other characters inside
     * (an agent id such as `agent-7`, an error such as `E_CONN.reset`) is
     * matched as a phrase of its words, so it finds that exact text. Any other
     * character is taken as plain text, never as operator syntax.
     * Returns OK, INVALID_ARGUMENT (query empty, without a word, or too long;
     * a negative limit), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.SearchMemoriesResponse searchMemories(dev.sparkmemory.spark.v1.SearchMemoriesRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchMemoriesMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * SearchEvents finds events by full-text search over their description
     * and data text, best match first, with the query syntax of
     * SearchMemories and the filters of ListEvents.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.SearchEventsResponse searchEvents(dev.sparkmemory.spark.v1.SearchEventsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getSearchEventsMethod(), getCallOptions(), request);
    }

    /**
     * <pre>
     * ListMemoryRevisions returns every revision of one memory, oldest first:
     * one per change (created, updated, expired, deleted), by a client or a
     * rule. A deleted memory keeps its history.
     * Returns OK, INVALID_ARGUMENT (no memory_id), NOT_FOUND (no revision
     * of that id), UNAVAILABLE.
     * </pre>
     */
    public dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse listMemoryRevisions(dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest request) {
      return io.grpc.stub.ClientCalls.blockingUnaryCall(
          getChannel(), getListMemoryRevisionsMethod(), getCallOptions(), request);
    }
  }

  /**
   * A stub to allow clients to do ListenableFuture-style rpc calls to service SparkService.
   * <pre>
   * SparkService is the event log and memory store.
   * Every RPC answers INVALID_ARGUMENT, naming the field, for a request it
   * cannot accept, and changes nothing in the store when it does so. With
   * authentication configured, every RPC may also answer UNAUTHENTICATED or
   * PERMISSION_DENIED. UNAVAILABLE means the store could not be reached or
   * written (for example a read-only or full disk) and the call may be retried.
   * </pre>
   */
  public static final class SparkServiceFutureStub
      extends io.grpc.stub.AbstractFutureStub<SparkServiceFutureStub> {
    private SparkServiceFutureStub(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      super(channel, callOptions);
    }

    @java.lang.Override
    protected SparkServiceFutureStub build(
        io.grpc.Channel channel, io.grpc.CallOptions callOptions) {
      return new SparkServiceFutureStub(channel, callOptions);
    }

    /**
     * <pre>
     * RecordEvent appends one event to the log.
     * Without importance, the server scores the event from its type and data.
     * With a client-chosen id the call is idempotent: a retry with the same id
     * and the same content returns the stored event with duplicate=true.
     * With a condition the event is appended only if no event matching the
     * condition's filters has a sequence above its after_sequence, checked and
     * appended in one transaction (the coordinator pattern: read, decide,
     * append with a condition, and on FAILED_PRECONDITION read again). A retry
     * of an already stored request answers duplicate=true even when the
     * condition no longer holds.
     * Returns OK, INVALID_ARGUMENT (a bad field, named in the message),
     * ALREADY_EXISTS (the id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed: a google.rpc.ErrorInfo with
     * reason APPEND_CONDITION_FAILED and metadata conflicting_sequence, the
     * newest matching event), RESOURCE_EXHAUSTED (the disk is full),
     * UNAVAILABLE (the store cannot be written now).
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.RecordEventResponse> recordEvent(
        dev.sparkmemory.spark.v1.RecordEventRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRecordEventMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * RecordEvents appends a batch of events atomically: all of them are stored
     * or none is. An error names the failing item, e.g. `events[3].importance`.
     * A condition applies to the whole batch, as in RecordEvent; items must not
     * carry conditions of their own.
     * Returns OK, INVALID_ARGUMENT (an empty batch or a bad item),
     * ALREADY_EXISTS (an item's id is taken by an event with different content),
     * FAILED_PRECONDITION (the condition failed; nothing is written),
     * RESOURCE_EXHAUSTED, UNAVAILABLE. The response always holds an ack per
     * event; whether it echoes the events is the request's echo.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.RecordEventsResponse> recordEvents(
        dev.sparkmemory.spark.v1.RecordEventsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getRecordEventsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * AckEvents moves a durable consumer's position forward to sequence: the
     * consumer has handled every matching event up to it. An ack below the
     * position changes nothing; the position is stored (and shared by every
     * server on the store) before the call returns.
     * Returns OK, INVALID_ARGUMENT (no name, or a sequence above the log's
     * head), NOT_FOUND (no such consumer), UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.AckEventsResponse> ackEvents(
        dev.sparkmemory.spark.v1.AckEventsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getAckEventsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * GetConsumer returns a durable consumer with its exact lag.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * (It answers with the Consumer itself, a name other tools rely on.)
     * buf:lint:ignore RPC_RESPONSE_STANDARD_NAME
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.Consumer> getConsumer(
        dev.sparkmemory.spark.v1.GetConsumerRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getGetConsumerMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListConsumers returns every durable consumer, by name.
     * Returns OK, UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.ListConsumersResponse> listConsumers(
        dev.sparkmemory.spark.v1.ListConsumersRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListConsumersMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * DeleteConsumer forgets a durable consumer and its position.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND, UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.DeleteConsumerResponse> deleteConsumer(
        dev.sparkmemory.spark.v1.DeleteConsumerRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteConsumerMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * StoreMemory stores one memory. With a client-chosen id the call is
     * idempotent, as in RecordEvent.
     * Returns OK, INVALID_ARGUMENT, ALREADY_EXISTS, RESOURCE_EXHAUSTED,
     * UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.StoreMemoryResponse> storeMemory(
        dev.sparkmemory.spark.v1.StoreMemoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getStoreMemoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListMemories returns the memories that match the filters, newest first.
     * Expired memories are left out unless include_expired is set.
     * Returns OK, INVALID_ARGUMENT, RESOURCE_EXHAUSTED (the answer would
     * exceed 4 MiB: ask for fewer with limit), UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.ListMemoriesResponse> listMemories(
        dev.sparkmemory.spark.v1.ListMemoriesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMemoriesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Count counts events or (unexpired, unless include_expired) memories.
     * Returns OK, INVALID_ARGUMENT (target unspecified), UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.CountResponse> count(
        dev.sparkmemory.spark.v1.CountRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getCountMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * Consolidate runs the consolidation rules now, for one agent or for all
     * agents and the system, and returns what changed.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.ConsolidateResponse> consolidate(
        dev.sparkmemory.spark.v1.ConsolidateRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getConsolidateMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * UpdateMemory changes a stored memory's content, confidence or expiry.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.UpdateMemoryResponse> updateMemory(
        dev.sparkmemory.spark.v1.UpdateMemoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getUpdateMemoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * DeleteMemory deletes a memory.
     * Returns OK, INVALID_ARGUMENT, NOT_FOUND (no memory has that id),
     * UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.DeleteMemoryResponse> deleteMemory(
        dev.sparkmemory.spark.v1.DeleteMemoryRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getDeleteMemoryMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SearchMemories finds memories by full-text search over their content
     * and subject, best match first.
     * The query syntax: words (every word must match; case does not matter),
     * "quoted phrases" (the words in that order), and a prefix with a
     * trailing star (`pars*` matches parse, parser, parsing). A word is a run
     * of letters, digits and underscores; text with other characters inside
     * (an agent id such as `agent-7`, an error such as `E_CONN.reset`) is
     * matched as a phrase of its words, so it finds that exact text. Any other
     * character is taken as plain text, never as operator syntax.
     * Returns OK, INVALID_ARGUMENT (query empty, without a word, or too long;
     * a negative limit), UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.SearchMemoriesResponse> searchMemories(
        dev.sparkmemory.spark.v1.SearchMemoriesRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchMemoriesMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * SearchEvents finds events by full-text search over their description
     * and data text, best match first, with the query syntax of
     * SearchMemories and the filters of ListEvents.
     * Returns OK, INVALID_ARGUMENT, UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.SearchEventsResponse> searchEvents(
        dev.sparkmemory.spark.v1.SearchEventsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getSearchEventsMethod(), getCallOptions()), request);
    }

    /**
     * <pre>
     * ListMemoryRevisions returns every revision of one memory, oldest first:
     * one per change (created, updated, expired, deleted), by a client or a
     * rule. A deleted memory keeps its history.
     * Returns OK, INVALID_ARGUMENT (no memory_id), NOT_FOUND (no revision
     * of that id), UNAVAILABLE.
     * </pre>
     */
    public com.google.common.util.concurrent.ListenableFuture<dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse> listMemoryRevisions(
        dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest request) {
      return io.grpc.stub.ClientCalls.futureUnaryCall(
          getChannel().newCall(getListMemoryRevisionsMethod(), getCallOptions()), request);
    }
  }

  private static final int METHODID_RECORD_EVENT = 0;
  private static final int METHODID_RECORD_EVENTS = 1;
  private static final int METHODID_LIST_EVENTS = 2;
  private static final int METHODID_ACK_EVENTS = 3;
  private static final int METHODID_GET_CONSUMER = 4;
  private static final int METHODID_LIST_CONSUMERS = 5;
  private static final int METHODID_DELETE_CONSUMER = 6;
  private static final int METHODID_STORE_MEMORY = 7;
  private static final int METHODID_LIST_MEMORIES = 8;
  private static final int METHODID_COUNT = 9;
  private static final int METHODID_CONSOLIDATE = 10;
  private static final int METHODID_UPDATE_MEMORY = 11;
  private static final int METHODID_DELETE_MEMORY = 12;
  private static final int METHODID_WATCH_MEMORIES = 13;
  private static final int METHODID_SEARCH_MEMORIES = 14;
  private static final int METHODID_SEARCH_EVENTS = 15;
  private static final int METHODID_LIST_MEMORY_REVISIONS = 16;

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
        case METHODID_RECORD_EVENT:
          serviceImpl.recordEvent((dev.sparkmemory.spark.v1.RecordEventRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.RecordEventResponse>) responseObserver);
          break;
        case METHODID_RECORD_EVENTS:
          serviceImpl.recordEvents((dev.sparkmemory.spark.v1.RecordEventsRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.RecordEventsResponse>) responseObserver);
          break;
        case METHODID_LIST_EVENTS:
          serviceImpl.listEvents((dev.sparkmemory.spark.v1.ListEventsRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListEventsResponse>) responseObserver);
          break;
        case METHODID_ACK_EVENTS:
          serviceImpl.ackEvents((dev.sparkmemory.spark.v1.AckEventsRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.AckEventsResponse>) responseObserver);
          break;
        case METHODID_GET_CONSUMER:
          serviceImpl.getConsumer((dev.sparkmemory.spark.v1.GetConsumerRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.Consumer>) responseObserver);
          break;
        case METHODID_LIST_CONSUMERS:
          serviceImpl.listConsumers((dev.sparkmemory.spark.v1.ListConsumersRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListConsumersResponse>) responseObserver);
          break;
        case METHODID_DELETE_CONSUMER:
          serviceImpl.deleteConsumer((dev.sparkmemory.spark.v1.DeleteConsumerRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.DeleteConsumerResponse>) responseObserver);
          break;
        case METHODID_STORE_MEMORY:
          serviceImpl.storeMemory((dev.sparkmemory.spark.v1.StoreMemoryRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.StoreMemoryResponse>) responseObserver);
          break;
        case METHODID_LIST_MEMORIES:
          serviceImpl.listMemories((dev.sparkmemory.spark.v1.ListMemoriesRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListMemoriesResponse>) responseObserver);
          break;
        case METHODID_COUNT:
          serviceImpl.count((dev.sparkmemory.spark.v1.CountRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.CountResponse>) responseObserver);
          break;
        case METHODID_CONSOLIDATE:
          serviceImpl.consolidate((dev.sparkmemory.spark.v1.ConsolidateRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ConsolidateResponse>) responseObserver);
          break;
        case METHODID_UPDATE_MEMORY:
          serviceImpl.updateMemory((dev.sparkmemory.spark.v1.UpdateMemoryRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.UpdateMemoryResponse>) responseObserver);
          break;
        case METHODID_DELETE_MEMORY:
          serviceImpl.deleteMemory((dev.sparkmemory.spark.v1.DeleteMemoryRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.DeleteMemoryResponse>) responseObserver);
          break;
        case METHODID_WATCH_MEMORIES:
          serviceImpl.watchMemories((dev.sparkmemory.spark.v1.WatchMemoriesRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.WatchMemoriesResponse>) responseObserver);
          break;
        case METHODID_SEARCH_MEMORIES:
          serviceImpl.searchMemories((dev.sparkmemory.spark.v1.SearchMemoriesRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.SearchMemoriesResponse>) responseObserver);
          break;
        case METHODID_SEARCH_EVENTS:
          serviceImpl.searchEvents((dev.sparkmemory.spark.v1.SearchEventsRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.SearchEventsResponse>) responseObserver);
          break;
        case METHODID_LIST_MEMORY_REVISIONS:
          serviceImpl.listMemoryRevisions((dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest) request,
              (io.grpc.stub.StreamObserver<dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse>) responseObserver);
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
          getRecordEventMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.RecordEventRequest,
              dev.sparkmemory.spark.v1.RecordEventResponse>(
                service, METHODID_RECORD_EVENT)))
        .addMethod(
          getRecordEventsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.RecordEventsRequest,
              dev.sparkmemory.spark.v1.RecordEventsResponse>(
                service, METHODID_RECORD_EVENTS)))
        .addMethod(
          getListEventsMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.ListEventsRequest,
              dev.sparkmemory.spark.v1.ListEventsResponse>(
                service, METHODID_LIST_EVENTS)))
        .addMethod(
          getAckEventsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.AckEventsRequest,
              dev.sparkmemory.spark.v1.AckEventsResponse>(
                service, METHODID_ACK_EVENTS)))
        .addMethod(
          getGetConsumerMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.GetConsumerRequest,
              dev.sparkmemory.spark.v1.Consumer>(
                service, METHODID_GET_CONSUMER)))
        .addMethod(
          getListConsumersMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.ListConsumersRequest,
              dev.sparkmemory.spark.v1.ListConsumersResponse>(
                service, METHODID_LIST_CONSUMERS)))
        .addMethod(
          getDeleteConsumerMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.DeleteConsumerRequest,
              dev.sparkmemory.spark.v1.DeleteConsumerResponse>(
                service, METHODID_DELETE_CONSUMER)))
        .addMethod(
          getStoreMemoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.StoreMemoryRequest,
              dev.sparkmemory.spark.v1.StoreMemoryResponse>(
                service, METHODID_STORE_MEMORY)))
        .addMethod(
          getListMemoriesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.ListMemoriesRequest,
              dev.sparkmemory.spark.v1.ListMemoriesResponse>(
                service, METHODID_LIST_MEMORIES)))
        .addMethod(
          getCountMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.CountRequest,
              dev.sparkmemory.spark.v1.CountResponse>(
                service, METHODID_COUNT)))
        .addMethod(
          getConsolidateMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.ConsolidateRequest,
              dev.sparkmemory.spark.v1.ConsolidateResponse>(
                service, METHODID_CONSOLIDATE)))
        .addMethod(
          getUpdateMemoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.UpdateMemoryRequest,
              dev.sparkmemory.spark.v1.UpdateMemoryResponse>(
                service, METHODID_UPDATE_MEMORY)))
        .addMethod(
          getDeleteMemoryMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.DeleteMemoryRequest,
              dev.sparkmemory.spark.v1.DeleteMemoryResponse>(
                service, METHODID_DELETE_MEMORY)))
        .addMethod(
          getWatchMemoriesMethod(),
          io.grpc.stub.ServerCalls.asyncServerStreamingCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.WatchMemoriesRequest,
              dev.sparkmemory.spark.v1.WatchMemoriesResponse>(
                service, METHODID_WATCH_MEMORIES)))
        .addMethod(
          getSearchMemoriesMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.SearchMemoriesRequest,
              dev.sparkmemory.spark.v1.SearchMemoriesResponse>(
                service, METHODID_SEARCH_MEMORIES)))
        .addMethod(
          getSearchEventsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.SearchEventsRequest,
              dev.sparkmemory.spark.v1.SearchEventsResponse>(
                service, METHODID_SEARCH_EVENTS)))
        .addMethod(
          getListMemoryRevisionsMethod(),
          io.grpc.stub.ServerCalls.asyncUnaryCall(
            new MethodHandlers<
              dev.sparkmemory.spark.v1.ListMemoryRevisionsRequest,
              dev.sparkmemory.spark.v1.ListMemoryRevisionsResponse>(
                service, METHODID_LIST_MEMORY_REVISIONS)))
        .build();
  }

  private static abstract class SparkServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoFileDescriptorSupplier, io.grpc.protobuf.ProtoServiceDescriptorSupplier {
    SparkServiceBaseDescriptorSupplier() {}

    @java.lang.Override
    public com.google.protobuf.Descriptors.FileDescriptor getFileDescriptor() {
      return dev.sparkmemory.spark.v1.SparkProto.getDescriptor();
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.ServiceDescriptor getServiceDescriptor() {
      return getFileDescriptor().findServiceByName("SparkService");
    }
  }

  private static final class SparkServiceFileDescriptorSupplier
      extends SparkServiceBaseDescriptorSupplier {
    SparkServiceFileDescriptorSupplier() {}
  }

  private static final class SparkServiceMethodDescriptorSupplier
      extends SparkServiceBaseDescriptorSupplier
      implements io.grpc.protobuf.ProtoMethodDescriptorSupplier {
    private final java.lang.String methodName;

    SparkServiceMethodDescriptorSupplier(java.lang.String methodName) {
      this.methodName = methodName;
    }

    @java.lang.Override
    public com.google.protobuf.Descriptors.MethodDescriptor getMethodDescriptor() {
      return getServiceDescriptor().findMethodByName(methodName);
    }
  }

  private static volatile io.grpc.ServiceDescriptor serviceDescriptor;

  public static io.grpc.ServiceDescriptor getServiceDescriptor() {
    io.grpc.ServiceDescriptor result = serviceDescriptor;
    if (result == null) {
      synchronized (SparkServiceGrpc.class) {
        result = serviceDescriptor;
        if (result == null) {
          serviceDescriptor = result = io.grpc.ServiceDescriptor.newBuilder(SERVICE_NAME)
              .setSchemaDescriptor(new SparkServiceFileDescriptorSupplier())
              .addMethod(getRecordEventMethod())
              .addMethod(getRecordEventsMethod())
              .addMethod(getListEventsMethod())
              .addMethod(getAckEventsMethod())
              .addMethod(getGetConsumerMethod())
              .addMethod(getListConsumersMethod())
              .addMethod(getDeleteConsumerMethod())
              .addMethod(getStoreMemoryMethod())
              .addMethod(getListMemoriesMethod())
              .addMethod(getCountMethod())
              .addMethod(getConsolidateMethod())
              .addMethod(getUpdateMemoryMethod())
              .addMethod(getDeleteMemoryMethod())
              .addMethod(getWatchMemoriesMethod())
              .addMethod(getSearchMemoriesMethod())
              .addMethod(getSearchEventsMethod())
              .addMethod(getListMemoryRevisionsMethod())
              .build();
        }
      }
    }
    return result;
  }
}
