console.log("thread: hello from the new thread");
