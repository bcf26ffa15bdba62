@testable import EnlaceServer
import Logging
import NIOCore
import NIOEmbedded
import Testing

@Suite("enlace serve: timeouts and the connection cap, on an embedded channel")
struct ConnectionLimitsTests {
    /// A connected channel with the deadlines in front, header timeout 10 s, idle 30 s.
    private func channel() throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handlers: [ConnectionDeadlines(headerTimeout: .seconds(10), idleTimeout: .seconds(30))])
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    private func send(_ channel: EmbeddedChannel, _ text: String) throws {
        try channel.writeInbound(ByteBuffer(string: text))
        _ = try channel.readInbound(as: ByteBuffer.self)
    }

    private func answer(_ channel: EmbeddedChannel) throws {
        try channel.writeOutbound(IOData.byteBuffer(ByteBuffer(string: "HTTP/1.1 200 OK\r\n\r\n")))
        _ = try channel.readOutbound(as: IOData.self)
    }

    @Test("a connection that sends nothing is closed at the header timeout")
    func silent() throws {
        let channel = try channel()
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(9_999))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive)
    }

    @Test("trickled bytes do not extend the header timeout (slowloris)")
    func slowHeaders() throws {
        let channel = try channel()
        for _ in 0..<9 {
            try send(channel, "G")
            channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        }
        #expect(channel.isActive)
        try send(channel, "E")
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test("after an answer: idle for 30 s, then 10 s from the next request's first byte")
    func keepAlive() throws {
        let channel = try channel()
        try send(channel, "GET / HTTP/1.1\r\n\r\n")
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        try answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        try send(channel, "GET")  // a next request starts: its head has 10 s
        channel.embeddedEventLoop.advanceTime(by: .seconds(9))
        #expect(channel.isActive)
        try answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
    }

    @Test("a first byte late in the idle time moves the deadline earlier, to the header timeout")
    func earlier() throws {
        let channel = try channel()
        try send(channel, "GET / HTTP/1.1\r\n\r\n")
        try answer(channel)
        channel.embeddedEventLoop.advanceTime(by: .seconds(1))
        try send(channel, "G")
        channel.embeddedEventLoop.advanceTime(by: .seconds(10))
        #expect(!channel.isActive)
    }

    @Test("the cap: one connection over it is closed at once; a closed one frees its place")
    func cap() throws {
        let count = ConnectionCount(limit: 2, logger: Logger(label: "test"))
        let guarded = FeedConnection(limits: .standard, connections: count, responder: FeedResponder(feeds: InMemoryFiles([:])),
                                     log: AccessLog(label: "test", output: { _ in }))
        var channels: [EmbeddedChannel] = []
        for _ in 0..<3 {
            let channel = EmbeddedChannel()
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
            let setUp = guarded.setup(channel)
            channel.embeddedEventLoop.run()
            channels.append(channel)
            if channels.count <= 2 {
                try setUp.wait()
                #expect(channel.isActive)
            } else {
                #expect(throws: ConnectionLimitReached.self) { try setUp.wait() }
                #expect(!channel.isActive)
            }
        }
        #expect(count.openCount == 2)
        try channels[0].close().wait()
        channels[0].embeddedEventLoop.run()
        #expect(count.openCount == 1)
        let next = EmbeddedChannel()
        try next.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        try guarded.setup(next).wait()
        #expect(count.openCount == 2)
        // The deadlines handler is first in the pipeline, before the HTTP decoder; the feed
        // handler last.
        let pipeline = next.pipeline.debugDescription
        let deadlines = try #require(pipeline.range(of: "ConnectionDeadlines")).lowerBound
        let decoder = try #require(pipeline.range(of: "ByteToMessageHandler<HTTPDecoder")).lowerBound
        let feeds = try #require(pipeline.range(of: "FeedHandler")).lowerBound
        #expect(deadlines < decoder && decoder < feeds, "\(pipeline)")
    }

    @Test("the connection cap follows the file-descriptor limit")
    func descriptorCap() {
        #expect(FeedServer.connectionCap(4096, descriptors: 20_000) == 4096)
        #expect(FeedServer.connectionCap(4096, descriptors: 1024) == 1024 - FeedServer.reservedDescriptors)
        #expect(FeedServer.connectionCap(4096, descriptors: 10) == 1)
        let raised = FileDescriptorLimit.raiseToHardLimit()
        #expect(raised == FileDescriptorLimit.current)
        #expect(raised >= 1024)
    }
}
