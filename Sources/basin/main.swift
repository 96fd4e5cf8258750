print("basin")
